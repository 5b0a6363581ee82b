package io.coxswain.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * A pod's sandbox: its identity, the pod-scoped volumes its containers share (emptyDir names), the
 * host ports it publishes, and the annotations that tune runtimes (the simulated one reads them).
 */
public record SandboxConfig(PodRef pod, Map<String, String> annotations, List<String> emptyDirs,
                            List<HostPort> hostPorts) {
  public SandboxConfig {
    annotations = Map.copyOf(annotations);
    emptyDirs = List.copyOf(emptyDirs);
    hostPorts = List.copyOf(hostPorts);
  }

  /** A sandbox with no volumes and no host ports. */
  public SandboxConfig(PodRef pod, Map<String, String> annotations) {
    this(pod, annotations, List.of(), List.of());
  }

  /** A container port published on the node: {@code hostIp:hostPort} to the pod's {@code containerPort}. */
  public record HostPort(String hostIp, int hostPort, int containerPort, String protocol) {}
}
