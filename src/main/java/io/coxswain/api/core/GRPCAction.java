package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.GRPCAction}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GRPCAction(
    String mode,
    Integer port,
    String service) {}
