package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerStateWaiting}, e.g. reason ContainerCreating or CrashLoopBackOff. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStateWaiting(String reason, String message) {}
