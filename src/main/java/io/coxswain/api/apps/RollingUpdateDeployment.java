package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.core.IntOrString;

/**
 * Kubernetes {@code apps/v1.RollingUpdateDeployment}: how many pods may be missing
 * ({@code maxUnavailable}) and how many extra may exist ({@code maxSurge}) during a rollout, each a
 * count or a percentage of the desired replicas (unavailable rounded down, surge rounded up).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollingUpdateDeployment(IntOrString maxUnavailable, IntOrString maxSurge) {}
