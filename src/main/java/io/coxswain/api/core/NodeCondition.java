package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeCondition}; status is "True", "False" or "Unknown". */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeCondition(
    String type,
    String status,
    String lastHeartbeatTime,
    String lastTransitionTime,
    String reason,
    String message) {}
