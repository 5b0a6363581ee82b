package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * {@code autoscaling/v1 Scale}: the scale subresource of a ReplicationController. Not stored;
 * read and written through the controller it describes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scale(String apiVersion, String kind, ObjectMeta metadata, ScaleSpec spec, ScaleStatus status)
    implements KubeObject {
  public static final String API_VERSION = "autoscaling/v1";

  public Scale {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? "Scale" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? new ScaleSpec(null) : spec;
  }

  public static Scale of(ObjectMeta metadata, Integer specReplicas, Integer statusReplicas, String selector) {
    return new Scale(API_VERSION, "Scale", metadata, new ScaleSpec(specReplicas),
        new ScaleStatus(statusReplicas, selector));
  }

  @Override
  public Scale withMetadata(ObjectMeta v) {
    return new Scale(apiVersion, kind, v, spec, status);
  }

  public Scale withSpec(ScaleSpec v) {
    return new Scale(apiVersion, kind, metadata, v, status);
  }

  public Scale withStatus(ScaleStatus v) {
    return new Scale(apiVersion, kind, metadata, spec, v);
  }
}
