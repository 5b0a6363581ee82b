package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code apps/v1.DeploymentCondition}: Available, Progressing or ReplicaFailure; times are RFC 3339. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentCondition(String type, String status, String lastUpdateTime, String lastTransitionTime,
    String reason, String message) {}
