package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerRestartRule}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerRestartRule(
    String action,
    ContainerRestartRuleOnExitCodes exitCodes) {}
