package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.TypedLocalObjectReference}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TypedLocalObjectReference(
    String kind,
    String apiGroup,
    String name) {}
