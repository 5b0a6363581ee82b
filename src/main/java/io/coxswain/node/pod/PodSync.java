package io.coxswain.node.pod;

import io.coxswain.api.Defaulting;
import io.coxswain.api.core.ContainerStateTerminated;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.ContainerState;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pure step of a pod worker: given what the runtime reports for each container, decide each
 * container's next state under the pod's restartPolicy and CrashLoopBackOff.
 */
public final class PodSync {
  private PodSync() {}

  /** Applies fresh observations (name → runtime state) to the records, every container under one restart policy. */
  public static Map<String, ContainerRecord> observe(Map<String, ContainerRecord> records,
      Map<String, ContainerState> observations, String restartPolicy, RestartRules.Backoff backoff, Instant now) {
    return observe(records, observations, name -> restartPolicy, backoff, now);
  }

  /**
   * Applies fresh observations to the records, each container under its own restart policy
   * ({@code restartPolicy} maps a container's name to Always, OnFailure or Never: init containers
   * and sidecars follow other rules than the pod's, see {@link InitOrder#restartPolicy}).
   */
  public static Map<String, ContainerRecord> observe(Map<String, ContainerRecord> records,
      Map<String, ContainerState> observations, java.util.function.Function<String, String> restartPolicy,
      RestartRules.Backoff backoff, Instant now) {
    Map<String, ContainerRecord> next = new LinkedHashMap<>();
    for (ContainerRecord record : records.values()) {
      ContainerState state = observations.get(record.name());
      ContainerRecord updated = state == null ? record : record.observed(state);
      if (state != null && state.exited()) {
        updated = afterExit(updated, state, restartPolicy.apply(record.name()), backoff, now);
      }
      next.put(record.name(), updated);
    }
    return next;
  }

  private static ContainerRecord afterExit(ContainerRecord record, ContainerState state, String restartPolicy,
      RestartRules.Backoff backoff, Instant now) {
    int exitCode = state.exitCode() == null ? 0 : state.exitCode();
    if (!RestartRules.shouldRestart(restartPolicy, exitCode)) {
      return record.done();
    }
    ContainerStateTerminated ended = terminated(state);
    Instant finished = state.finishedAt() == null ? now : state.finishedAt();
    java.time.Duration delay = backoff.delay(record.restartCount());
    return record.backingOff(ended, finished.plus(delay), "back-off " + delay.getSeconds() + "s restarting failed container="
        + record.name());
  }

  /**
   * The Kubernetes terminated state of a runtime container. Its containerID is the runtime's bare
   * id here; the status view adds the runtime's scheme ({@code docker://}).
   */
  public static ContainerStateTerminated terminated(ContainerState state) {
    return new ContainerStateTerminated(state.exitCode(), null, state.reason(), state.message(),
        time(state.startedAt()), time(state.finishedAt()), state.id());
  }

  static String time(Instant instant) {
    return instant == null ? null : Defaulting.now(Clock.fixed(instant, java.time.ZoneOffset.UTC));
  }
}
