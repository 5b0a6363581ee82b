package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * Kubernetes {@code apps/v1.ReplicaSet}: the ReplicationController with a set-based selector; what a
 * Deployment runs each template version as.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSet(String apiVersion, String kind, ObjectMeta metadata, ReplicaSetSpec spec,
    ReplicaSetStatus status) implements KubeObject {

  public ReplicaSet {
    apiVersion = apiVersion == null ? Deployment.API_VERSION : apiVersion;
    kind = kind == null ? "ReplicaSet" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? new ReplicaSetSpec(null, null, null, null) : spec;
  }

  public static ReplicaSet of(ObjectMeta metadata, ReplicaSetSpec spec) {
    return new ReplicaSet(Deployment.API_VERSION, "ReplicaSet", metadata, spec, null);
  }

  @Override
  public ReplicaSet withMetadata(ObjectMeta v) {
    return new ReplicaSet(apiVersion, kind, v, spec, status);
  }

  public ReplicaSet withSpec(ReplicaSetSpec v) {
    return new ReplicaSet(apiVersion, kind, metadata, v, status);
  }

  public ReplicaSet withStatus(ReplicaSetStatus v) {
    return new ReplicaSet(apiVersion, kind, metadata, spec, v);
  }

  public ReplicaSetStatus statusOrEmpty() {
    return status == null ? new ReplicaSetStatus(0, null, null, null, null, null) : status;
  }
}
