package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ConfigMapKeySelector} / {@code v1.SecretKeySelector} (same shape). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record KeySelector(String name, String key, Boolean optional) {}
