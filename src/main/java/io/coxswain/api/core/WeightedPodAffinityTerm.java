package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.WeightedPodAffinityTerm}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WeightedPodAffinityTerm(
    PodAffinityTerm podAffinityTerm,
    Integer weight) {}
