package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ConfigMapEnvSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapEnvSource(
    String name,
    Boolean optional) {}
