package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodOS}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodOS(
    String name) {}
