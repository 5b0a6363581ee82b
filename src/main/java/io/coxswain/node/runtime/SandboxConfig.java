package io.coxswain.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * A pod's sandbox: its identity, the pod-scoped volumes its containers share (emptyDirs), the
 * host ports it publishes, the group that owns its volumes ({@code fsGroup}, or null), whether its
 * containers share one process namespace, the namespaced sysctls of its network namespace, the
 * hostname its containers see ({@code spec.hostname}, else the pod's name, at most 63 characters;
 * null: the pod's name), and the annotations that tune runtimes (the simulated one reads them).
 */
public record SandboxConfig(PodRef pod, Map<String, String> annotations, List<EmptyDir> emptyDirs,
                            List<HostPort> hostPorts, Long fsGroup, boolean shareProcessNamespace,
                            Map<String, String> sysctls, String hostname) {
  public SandboxConfig {
    annotations = Map.copyOf(annotations);
    emptyDirs = List.copyOf(emptyDirs);
    hostPorts = List.copyOf(hostPorts);
    sysctls = Map.copyOf(sysctls);
  }

  /** A sandbox with no volumes and no host ports. */
  public SandboxConfig(PodRef pod, Map<String, String> annotations) {
    this(pod, annotations, List.of(), List.of(), null, false, Map.of(), null);
  }

  /**
   * An emptyDir volume: on the node's disk, or in memory (tmpfs) for {@code medium: Memory}, at
   * most {@code sizeLimitBytes} there (null: no limit of its own).
   */
  public record EmptyDir(String name, boolean memory, Long sizeLimitBytes) {}

  /** A container port published on the node: {@code hostIp:hostPort} to the pod's {@code containerPort}. */
  public record HostPort(String hostIp, int hostPort, int containerPort, String protocol) {}
}
