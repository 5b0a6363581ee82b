package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodCondition}; type is PodScheduled, Initialized, ContainersReady or Ready. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodCondition(
    String type, String status, String lastProbeTime, String lastTransitionTime, String reason, String message,
    Long observedGeneration) {

  public static PodCondition of(String type, boolean status, String lastTransitionTime) {
    return new PodCondition(type, status ? "True" : "False", null, lastTransitionTime, null, null, null);
  }
}
