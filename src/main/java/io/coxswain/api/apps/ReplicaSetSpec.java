package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.LabelSelector;
import io.coxswain.api.core.PodTemplateSpec;

/** Kubernetes {@code apps/v1.ReplicaSetSpec}; replicas defaults to 1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetSpec(Integer replicas, Integer minReadySeconds, LabelSelector selector,
    PodTemplateSpec template) {
  public ReplicaSetSpec withReplicas(Integer v) {
    return new ReplicaSetSpec(v, minReadySeconds, selector, template);
  }
}
