package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerStateRunning}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStateRunning(String startedAt) {}
