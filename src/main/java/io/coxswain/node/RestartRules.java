package io.coxswain.node;

import java.time.Duration;

/**
 * Kubernetes' container restart rules, pure: whether an exited container starts again under the
 * pod's restartPolicy, and how long CrashLoopBackOff waits before the next start (the initial
 * delay doubling per restart up to a cap: 10 s to 300 s by default, set cluster-wide in config
 * and per pod with the {@link #BACKOFF_ANNOTATION} annotation, e.g. "1s,30s").
 */
public final class RestartRules {
  public static final String BACKOFF_ANNOTATION = "coxswain.io/crash-loop-backoff";

  private RestartRules() {}

  /** Always restarts every exit; OnFailure only non-zero exits; Never none. */
  public static boolean shouldRestart(String restartPolicy, int exitCode) {
    return switch (restartPolicy == null ? "Always" : restartPolicy) {
      case "Never" -> false;
      case "OnFailure" -> exitCode != 0;
      default -> true;
    };
  }

  /** The CrashLoopBackOff delays: {@code initial * 2^restarts}, capped at {@code max}. */
  public record Backoff(Duration initial, Duration max) {
    public Backoff {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + ", " + max);
      }
    }

    /** The wait before start number {@code restarts + 1}. */
    public Duration delay(int restarts) {
      Duration delay = initial;
      for (int i = 0; i < restarts && delay.compareTo(max) < 0; i++) {
        delay = delay.multipliedBy(2);
      }
      return delay.compareTo(max) > 0 ? max : delay;
    }

    /** This pod's backoff: its annotation ("INITIAL,MAX", Go durations) or the cluster default. */
    public Backoff forPod(java.util.Map<String, String> annotations) {
      String value = annotations.get(BACKOFF_ANNOTATION);
      if (value == null || value.isBlank()) {
        return this;
      }
      String[] parts = value.split(",");
      if (parts.length != 2) {
        throw new IllegalArgumentException(BACKOFF_ANNOTATION + " must be INITIAL,MAX (e.g. 1s,30s): " + value);
      }
      return new Backoff(GoDurations.parse(parts[0]), GoDurations.parse(parts[1]));
    }
  }
}
