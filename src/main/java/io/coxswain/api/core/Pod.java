package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.Pod}. Absent apiVersion, kind, metadata and spec are filled so code never sees null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
    implements KubeObject {

  public Pod {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Pod" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? PodSpec.of(null) : spec;
  }

  public static Pod of(ObjectMeta metadata, PodSpec spec) {
    return new Pod("v1", "Pod", metadata, spec, null);
  }

  /** Never null: a pod nobody has reported on yet has an empty status. */
  public PodStatus statusOrEmpty() {
    return status == null ? PodStatus.phase(null) : status;
  }

  @Override
  public Pod withMetadata(ObjectMeta v) {
    return new Pod(apiVersion, kind, v, spec, status);
  }

  public Pod withSpec(PodSpec v) {
    return new Pod(apiVersion, kind, metadata, v, status);
  }

  public Pod withStatus(PodStatus v) {
    return new Pod(apiVersion, kind, metadata, spec, v);
  }
}
