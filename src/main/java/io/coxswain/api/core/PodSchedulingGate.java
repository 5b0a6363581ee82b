package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodSchedulingGate}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodSchedulingGate(
    String name) {}
