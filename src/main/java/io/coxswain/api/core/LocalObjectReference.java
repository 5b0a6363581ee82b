package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.LocalObjectReference}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LocalObjectReference(
    String name) {}
