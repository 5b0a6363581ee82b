package io.coxswain.node.pod;

import io.coxswain.api.core.ContainerStateTerminated;
import io.coxswain.node.runtime.ContainerState;
import java.time.Instant;

/**
 * What a pod worker knows about one of its pod's containers: the runtime container of the current
 * attempt (if any), what the runtime last said about it, the previous attempt's end, and — while
 * it waits — why, and when it may start again.
 */
public record ContainerRecord(
    String name,
    String containerId,
    int restartCount,
    ContainerState observed,
    ContainerStateTerminated lastTerminated,
    String waitingReason,
    String waitingMessage,
    Instant nextStartAt,
    boolean finished) {

  public static ContainerRecord fresh(String name) {
    return new ContainerRecord(name, null, 0, null, null, "ContainerCreating", null, null, false);
  }

  public ContainerRecord started(String id) {
    return new ContainerRecord(name, id, restartCount, null, lastTerminated, null, null, null, false);
  }

  public ContainerRecord observed(ContainerState state) {
    return new ContainerRecord(name, containerId, restartCount, state, lastTerminated, waitingReason, waitingMessage,
        nextStartAt, finished);
  }

  /** The current attempt ended and another will follow at {@code at} (CrashLoopBackOff). */
  public ContainerRecord backingOff(ContainerStateTerminated ended, Instant at, String message) {
    return new ContainerRecord(name, null, restartCount + 1, null, ended, "CrashLoopBackOff", message, at, false);
  }

  /** The current attempt ended and the restart policy says it stays down. */
  public ContainerRecord done() {
    return new ContainerRecord(name, containerId, restartCount, observed, lastTerminated, null, null, null, true);
  }

  /** Starting failed (for example the image could not be pulled); retry at {@code at}. */
  public ContainerRecord failedToStart(String reason, String message, Instant at) {
    return new ContainerRecord(name, null, restartCount, null, lastTerminated, reason, message, at, false);
  }

  public boolean running() {
    return observed != null && observed.running();
  }

  /** Whether the worker should start this container now. */
  public boolean dueToStart(Instant now) {
    return !finished && containerId == null && (nextStartAt == null || !now.isBefore(nextStartAt));
  }
}
