package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SessionAffinityConfig}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SessionAffinityConfig(
    ClientIPConfig clientIP) {}
