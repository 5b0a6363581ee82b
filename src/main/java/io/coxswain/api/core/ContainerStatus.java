package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code v1.ContainerStatus}; ready, restartCount and imageID (empty until known) are
 * always written, as Kubernetes writes them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    Boolean ready,
    Integer restartCount,
    String image,
    @JsonInclude(JsonInclude.Include.ALWAYS) String imageID,
    String containerID,
    Boolean started) {}
