package io.coxswain.node.runtime.simulated;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a simulated container behaves, from the pod's annotations (so a test or a simulation says
 * it in the manifest): {@code simulated.coxswain.io/start-latency}, {@code .../run-for} (then it
 * exits), {@code .../exit-code} (default 0 when it exits), {@code .../pull-error} (the image pull
 * fails with this message). A key suffixed with {@code .CONTAINER} applies to that container only
 * and wins over the pod-wide key. Probes: {@code .../ready-after} (the readiness probe fails until
 * then), {@code .../live-for} (the liveness probe fails from then on). Output: {@code .../log} is
 * what the container writes once it runs (its log). Durations are Go-style:
 * 500ms, 3s, 2m, 1h.
 */
record SimulatedBehavior(Duration startLatency, Duration runFor, int exitCode, String pullError, Duration readyAfter,
                         Duration liveFor, String log) {
  static final String PREFIX = "simulated.coxswain.io/";

  /** @param runsToCompletion a regular init container: without run-for it exits 0 as soon as it starts */
  static SimulatedBehavior of(Map<String, String> annotations, String container, Duration defaultStartLatency,
      boolean runsToCompletion) {
    return new SimulatedBehavior(
        value(annotations, "start-latency", container).map(SimulatedBehavior::duration).orElse(defaultStartLatency),
        value(annotations, "run-for", container).map(SimulatedBehavior::duration)
            .orElse(runsToCompletion ? Duration.ZERO : null),
        value(annotations, "exit-code", container).map(Integer::parseInt).orElse(0),
        value(annotations, "pull-error", container).orElse(null),
        value(annotations, "ready-after", container).map(SimulatedBehavior::duration).orElse(Duration.ZERO),
        value(annotations, "live-for", container).map(SimulatedBehavior::duration).orElse(null),
        value(annotations, "log", container).orElse(""));
  }

  private static Optional<String> value(Map<String, String> annotations, String key, String container) {
    String specific = annotations.get(PREFIX + key + "." + container);
    return Optional.ofNullable(specific != null ? specific : annotations.get(PREFIX + key));
  }

  private static Duration duration(String text) {
    return io.coxswain.node.GoDurations.parse(text);
  }
}
