package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ResourceClaim}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceClaim(
    String name,
    String request) {}
