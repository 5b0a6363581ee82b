package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code meta/v1.Condition}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Condition(
    String lastTransitionTime,
    String message,
    Long observedGeneration,
    String reason,
    String status,
    String type) {}
