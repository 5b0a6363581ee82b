package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.PodTemplateSpec}: what a controller stamps its pods from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {

  public PodTemplateSpec {
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? PodSpec.of(null) : spec;
  }

  public PodTemplateSpec withSpec(PodSpec v) {
    return new PodTemplateSpec(metadata, v);
  }

  public PodTemplateSpec withMetadata(ObjectMeta v) {
    return new PodTemplateSpec(v, spec);
  }
}
