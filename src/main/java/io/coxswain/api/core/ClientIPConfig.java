package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ClientIPConfig}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClientIPConfig(
    Integer timeoutSeconds) {}
