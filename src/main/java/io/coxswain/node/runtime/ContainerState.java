package io.coxswain.node.runtime;

import java.time.Instant;

/**
 * A container as the runtime sees it. {@code reason} is Kubernetes' word for how a terminated
 * container ended: Completed (exit 0), Error, OOMKilled, ContainerCannotRun. {@code imageRef} is
 * the id of the image the container runs ({@code sha256:...}), null when the runtime does not say.
 */
public record ContainerState(
    String id, Phase phase, Integer exitCode, String reason, String message, Instant startedAt, Instant finishedAt,
    String imageRef) {

  public ContainerState(String id, Phase phase, Integer exitCode, String reason, String message, Instant startedAt,
      Instant finishedAt) {
    this(id, phase, exitCode, reason, message, startedAt, finishedAt, null);
  }

  public ContainerState withImageRef(String ref) {
    return new ContainerState(id, phase, exitCode, reason, message, startedAt, finishedAt, ref);
  }

  public enum Phase { CREATED, RUNNING, EXITED, UNKNOWN }

  public boolean running() {
    return phase == Phase.RUNNING;
  }

  public boolean exited() {
    return phase == Phase.EXITED;
  }

  /** Kubernetes' reason for an exit code when the runtime gives none. */
  public static String reasonFor(int exitCode, boolean oomKilled) {
    if (oomKilled) {
      return "OOMKilled";
    }
    return exitCode == 0 ? "Completed" : "Error";
  }
}
