package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PortStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PortStatus(
    String error,
    Integer port,
    String protocol) {}
