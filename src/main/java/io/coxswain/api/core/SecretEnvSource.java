package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SecretEnvSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretEnvSource(
    String name,
    Boolean optional) {}
