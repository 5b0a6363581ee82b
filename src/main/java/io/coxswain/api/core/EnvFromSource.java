package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EnvFromSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvFromSource(
    ConfigMapEnvSource configMapRef,
    String prefix,
    SecretEnvSource secretRef) {}
