package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ReplicationControllerCondition}, e.g. ReplicaFailure. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReplicationControllerCondition(
    String type, String status, String lastTransitionTime, String reason, String message) {}
