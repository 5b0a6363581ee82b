package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerStatus}; ready and restartCount are always written. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    Boolean ready,
    Integer restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started) {}
