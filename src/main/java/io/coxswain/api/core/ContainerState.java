package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerState}: at most one of waiting, running, terminated is set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerState(
    ContainerStateWaiting waiting, ContainerStateRunning running, ContainerStateTerminated terminated) {

  public static ContainerState waiting(String reason, String message) {
    return new ContainerState(new ContainerStateWaiting(reason, message), null, null);
  }

  public static ContainerState running(String startedAt) {
    return new ContainerState(null, new ContainerStateRunning(startedAt), null);
  }

  public static ContainerState terminated(ContainerStateTerminated terminated) {
    return new ContainerState(null, null, terminated);
  }
}
