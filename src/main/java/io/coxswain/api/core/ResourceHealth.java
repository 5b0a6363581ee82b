package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ResourceHealth}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceHealth(
    String health,
    String message,
    String resourceID) {}
