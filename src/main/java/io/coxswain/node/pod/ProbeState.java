package io.coxswain.node.pod;

import io.coxswain.api.core.Probe;
import java.time.Duration;
import java.time.Instant;

/**
 * One probe's history for the current container attempt, and Kubernetes' rules over it: a probe
 * is due after initialDelaySeconds and then every periodSeconds; it passes once successThreshold
 * results in a row succeed and fails once failureThreshold in a row fail (defaults 1 and 3).
 * {@code lastFailure} is why the last run failed, in the kubelet's words (empty after a success).
 */
record ProbeState(int successes, int failures, Instant lastRun, boolean passing, String lastFailure) {
  static final ProbeState INITIAL = new ProbeState(0, 0, null, false, "");

  static boolean due(Probe probe, ProbeState state, Instant startedAt, Instant now) {
    if (startedAt == null || now.isBefore(startedAt.plusSeconds(orDefault(probe.initialDelaySeconds(), 0)))) {
      return false;
    }
    return state.lastRun() == null
        || !now.isBefore(state.lastRun().plus(Duration.ofSeconds(orDefault(probe.periodSeconds(), 10))));
  }

  ProbeState after(Probe probe, boolean ok, Instant now) {
    return after(probe, ok ? io.coxswain.node.runtime.ProbeResult.SUCCESS
        : io.coxswain.node.runtime.ProbeResult.failure(""), now);
  }

  ProbeState after(Probe probe, io.coxswain.node.runtime.ProbeResult result, Instant now) {
    boolean ok = result.success();
    int s = ok ? successes + 1 : 0;
    int f = ok ? 0 : failures + 1;
    boolean pass = passing;
    if (ok && s >= orDefault(probe.successThreshold(), 1)) {
      pass = true;
    } else if (!ok && f >= orDefault(probe.failureThreshold(), 3)) {
      pass = false;
    }
    return new ProbeState(s, f, now, pass, ok ? "" : result.output());
  }

  /** A liveness probe that has failed failureThreshold times in a row: the container is restarted. */
  boolean failedFor(Probe probe) {
    return failures >= orDefault(probe.failureThreshold(), 3);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
