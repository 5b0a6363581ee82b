package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerStateTerminated}; exitCode is always written, even 0. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStateTerminated(
    Integer exitCode,
    Integer signal,
    String reason,
    String message,
    String startedAt,
    String finishedAt,
    String containerID) {}
