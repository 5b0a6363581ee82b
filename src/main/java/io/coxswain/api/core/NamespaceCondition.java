package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NamespaceCondition}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NamespaceCondition(
    String lastTransitionTime,
    String message,
    String reason,
    String status,
    String type) {}
