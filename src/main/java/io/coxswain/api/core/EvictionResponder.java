package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EvictionResponder}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvictionResponder(
    String name,
    Integer priority) {}
