package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.Sysctl}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Sysctl(
    String name,
    String value) {}
