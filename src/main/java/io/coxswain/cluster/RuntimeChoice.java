package io.coxswain.cluster;

import com.typesafe.config.Config;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.docker.DockerConnector;
import io.coxswain.node.runtime.docker.DockerSettings;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks this member's container runtime from {@code coxswain.node.runtime}: {@code docker} (fails
 * the start when no daemon answers), {@code simulated}, or {@code auto} (Docker when a daemon
 * answers, otherwise simulated, saying so).
 */
final class RuntimeChoice {
  private static final Logger log = LoggerFactory.getLogger(RuntimeChoice.class);

  private RuntimeChoice() {}

  static ContainerRuntime create(Config node, String nodeName, Clock clock) throws Exception {
    String kind = node.getString("runtime");
    switch (kind) {
      case "simulated":
        return simulated(node, nodeName, clock);
      case "docker":
        return DockerConnector.connect(DockerSettings.fromConfig(node, nodeName), nodeName);
      case "auto":
        try {
          return DockerConnector.connect(DockerSettings.fromConfig(node, nodeName), nodeName);
        } catch (DockerConnector.DockerUnavailable e) {
          log.warn("node={} {}; starting with the SIMULATED runtime instead (pods get a status but run no "
              + "processes). Start a Docker daemon and restart, or pass --runtime simulated to choose it.",
              nodeName, e.getMessage());
          return simulated(node, nodeName, clock);
        }
      default:
        throw new IllegalArgumentException("unknown container runtime \"" + kind
            + "\" (known: auto, docker, simulated)");
    }
  }

  private static ContainerRuntime simulated(Config node, String nodeName, Clock clock) {
    // Seeded by the node's name: a simulation that restarts a node replays the same ids.
    return new SimulatedRuntime(clock, nodeName.hashCode(), node.getDuration("simulated.start-latency"),
        node.getString("pod-subnet"));
  }
}
