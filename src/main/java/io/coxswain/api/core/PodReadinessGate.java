package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodReadinessGate}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodReadinessGate(
    String conditionType) {}
