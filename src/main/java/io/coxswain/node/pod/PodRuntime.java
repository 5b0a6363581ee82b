package io.coxswain.node.pod;

import java.util.Map;

/** A pod worker's view of its pod in the runtime: the sandbox, the pod's IP, and each container. */
record PodRuntime(String sandboxId, String podIp, String startTime, Map<String, ContainerRecord> containers) {
  PodRuntime {
    containers = Map.copyOf(containers);
  }

  static PodRuntime empty() {
    return new PodRuntime(null, null, null, Map.of());
  }
}
