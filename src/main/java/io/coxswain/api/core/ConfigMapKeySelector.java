package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ConfigMapKeySelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapKeySelector(
    String key,
    String name,
    Boolean optional) {}
