package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.ReplicationController}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationController(
    String apiVersion, String kind, ObjectMeta metadata, ReplicationControllerSpec spec,
    ReplicationControllerStatus status)
    implements KubeObject {

  public ReplicationController {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "ReplicationController" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? new ReplicationControllerSpec(null, null, null, null) : spec;
  }

  public static ReplicationController of(ObjectMeta metadata, ReplicationControllerSpec spec) {
    return new ReplicationController("v1", "ReplicationController", metadata, spec, null);
  }

  @Override
  public ReplicationController withMetadata(ObjectMeta v) {
    return new ReplicationController(apiVersion, kind, v, spec, status);
  }

  public ReplicationController withSpec(ReplicationControllerSpec v) {
    return new ReplicationController(apiVersion, kind, metadata, v, status);
  }

  public ReplicationController withStatus(ReplicationControllerStatus v) {
    return new ReplicationController(apiVersion, kind, metadata, spec, v);
  }
}
