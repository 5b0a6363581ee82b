package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.TypedObjectReference}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TypedObjectReference(
    String kind,
    String apiGroup,
    String name,
    String namespace) {}
