package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code apps/v1.DeploymentStrategy}: {@code RollingUpdate} (the default) or {@code Recreate}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStrategy(String type, RollingUpdateDeployment rollingUpdate) {}
