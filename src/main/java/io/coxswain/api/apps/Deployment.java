package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * Kubernetes {@code apps/v1.Deployment}: a pod template rolled out through ReplicaSets, one per
 * template version, by the deployment controller.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(String apiVersion, String kind, ObjectMeta metadata, DeploymentSpec spec,
    DeploymentStatus status) implements KubeObject {
  public static final String API_VERSION = "apps/v1";

  public Deployment {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? "Deployment" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? DeploymentSpec.builder().build() : spec;
  }

  @Override
  public Deployment withMetadata(ObjectMeta v) {
    return new Deployment(apiVersion, kind, v, spec, status);
  }

  public Deployment withSpec(DeploymentSpec v) {
    return new Deployment(apiVersion, kind, metadata, v, status);
  }

  public Deployment withStatus(DeploymentStatus v) {
    return new Deployment(apiVersion, kind, metadata, spec, v);
  }

  public DeploymentStatus statusOrEmpty() {
    return status == null ? DeploymentStatus.EMPTY : status;
  }
}
