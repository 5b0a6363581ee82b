package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeSwapStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeSwapStatus(
    Long capacity) {}
