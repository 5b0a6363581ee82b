package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.Service}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Service(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
    implements KubeObject {

  public Service {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Service" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? ServiceSpec.of(null, null) : spec;
  }

  public static Service of(ObjectMeta metadata, ServiceSpec spec) {
    return new Service("v1", "Service", metadata, spec, null);
  }

  @Override
  public Service withMetadata(ObjectMeta v) {
    return new Service(apiVersion, kind, v, spec, status);
  }

  public Service withSpec(ServiceSpec v) {
    return new Service(apiVersion, kind, metadata, v, status);
  }

  public Service withStatus(ServiceStatus v) {
    return new Service(apiVersion, kind, metadata, spec, v);
  }
}
