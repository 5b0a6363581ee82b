package io.coxswain.cluster;

import com.typesafe.config.Config;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import java.time.Clock;

/** Picks this member's container runtime from {@code coxswain.node.runtime}. */
final class RuntimeChoice {
  private RuntimeChoice() {}

  static ContainerRuntime create(Config node, String nodeName, Clock clock) {
    String kind = node.getString("runtime");
    if (!kind.equals("simulated")) {
      throw new IllegalArgumentException("unknown container runtime \"" + kind + "\" (known: simulated)");
    }
    // Seeded by the node's name: a simulation that restarts a node replays the same ids.
    return new SimulatedRuntime(clock, nodeName.hashCode(), node.getDuration("simulated.start-latency"),
        node.getString("pod-subnet"));
  }
}
