package io.coxswain.node.pod;

import java.util.Map;

/**
 * A pod worker's view of its pod in the runtime: the sandbox, the pod's IP, each container, and
 * the readiness and liveness probe state of each container's current attempt.
 */
record PodRuntime(String sandboxId, String podIp, String startTime, Map<String, ContainerRecord> containers,
                  Map<String, ProbeState> readiness, Map<String, ProbeState> liveness) {
  PodRuntime {
    containers = Map.copyOf(containers);
    readiness = Map.copyOf(readiness);
    liveness = Map.copyOf(liveness);
  }

  static PodRuntime empty() {
    return new PodRuntime(null, null, null, Map.of(), Map.of(), Map.of());
  }

  PodRuntime withContainers(String sandbox, String ip, String start, Map<String, ContainerRecord> records) {
    return new PodRuntime(sandbox, ip, start, records, readiness, liveness);
  }

  /** Whether the container's readiness probe passes (true when it has none). */
  boolean ready(String container, boolean hasReadinessProbe) {
    return !hasReadinessProbe || readiness.getOrDefault(container, ProbeState.INITIAL).passing();
  }
}
