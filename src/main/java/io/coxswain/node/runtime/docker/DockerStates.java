package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.coxswain.node.runtime.ContainerState;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Docker's view of a container in Kubernetes' terms. Pure. */
final class DockerStates {
  /** Kubernetes' exit code for a container whose process could not be started. */
  static final int START_ERROR_EXIT_CODE = 128;

  private DockerStates() {}

  static ContainerState of(String id, InspectContainerResponse.ContainerState state) {
    Instant started = time(state.getStartedAt());
    Instant finished = time(state.getFinishedAt());
    String status = state.getStatus() == null ? "" : state.getStatus();
    String error = state.getError() == null ? "" : state.getError();
    if (Boolean.TRUE.equals(state.getRunning())) {
      return new ContainerState(id, ContainerState.Phase.RUNNING, null, null, null, started, null);
    }
    if (status.equals("created") && !error.isEmpty()) {
      // The daemon made the container but could not start its process (no such command, ...).
      return new ContainerState(id, ContainerState.Phase.EXITED, START_ERROR_EXIT_CODE, "StartError", error, started,
          finished == null ? Instant.now() : finished);
    }
    if (status.equals("created")) {
      return new ContainerState(id, ContainerState.Phase.CREATED, null, null, null, null, null);
    }
    if (status.equals("exited") || status.equals("dead")) {
      int exitCode = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
      boolean oom = Boolean.TRUE.equals(state.getOOMKilled());
      return new ContainerState(id, ContainerState.Phase.EXITED, exitCode, ContainerState.reasonFor(exitCode, oom),
          error.isEmpty() ? null : error, started, finished);
    }
    return new ContainerState(id, ContainerState.Phase.UNKNOWN, null, null, status, started, null);
  }

  /** Docker writes the zero time for "never". */
  static Instant time(String value) {
    if (value == null || value.isEmpty() || value.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
