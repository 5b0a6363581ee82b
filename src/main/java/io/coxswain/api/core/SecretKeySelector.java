package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SecretKeySelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretKeySelector(
    String key,
    String name,
    Boolean optional) {}
