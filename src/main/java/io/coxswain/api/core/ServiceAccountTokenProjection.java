package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ServiceAccountTokenProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceAccountTokenProjection(
    String audience,
    Long expirationSeconds,
    String path,
    Long user) {}
