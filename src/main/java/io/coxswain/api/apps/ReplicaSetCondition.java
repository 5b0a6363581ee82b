package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code apps/v1.ReplicaSetCondition}, e.g. ReplicaFailure. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReplicaSetCondition(String type, String status, String lastTransitionTime, String reason,
    String message) {}
