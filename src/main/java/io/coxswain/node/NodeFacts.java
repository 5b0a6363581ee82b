package io.coxswain.node;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a node agent reports about its host: identity, addresses, capacity and software, and the
 * port where the member answers for its pods (logs), reported as the node's kubelet endpoint, and
 * the cluster member it is (its Pekko address; null for nodes outside a cluster, as in simulations).
 */
public record NodeFacts(
    String name,
    Map<String, String> labels,
    String internalIp,
    int cpus,
    long memoryBytes,
    int maxPods,
    String runtimeVersion,
    String osImage,
    String kernelVersion,
    String architecture,
    String bootId,
    int agentPort,
    String member,
    String podCidr) {

  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  public static final String AGENT_VERSION = "v1.32.0-coxswain";

  public NodeFacts {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(HOSTNAME_LABEL, name);
    all.putIfAbsent("kubernetes.io/os", "linux");
    all.putIfAbsent("kubernetes.io/arch", architecture);
    labels = Map.copyOf(all);
  }

  /**
   * The facts of the machine this JVM runs on. {@code cpus} and {@code memoryBytes} override what
   * the host has when positive (a simulated node can claim any capacity).
   */
  public static NodeFacts ofThisHost(String name, Map<String, String> labels, String internalIp, String runtimeVersion,
      int maxPods, int agentPort, int cpus, long memoryBytes, String member, String podCidr) {
    long memory = memoryBytes > 0 ? memoryBytes
        : ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    int cores = cpus > 0 ? cpus : Runtime.getRuntime().availableProcessors();
    return new NodeFacts(name, labels, internalIp, cores, memory, maxPods,
        runtimeVersion, hostOsImage(), System.getProperty("os.version"), hostArchitecture(), UUID.randomUUID().toString(),
        agentPort, member, podCidr);
  }

  private static String hostOsImage() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // not Linux, or a minimal image: fall through
    }
    return System.getProperty("os.name");
  }

  /** Kubernetes' names for architectures (GOARCH). */
  private static String hostArchitecture() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
