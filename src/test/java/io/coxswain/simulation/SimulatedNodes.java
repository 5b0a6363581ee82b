package io.coxswain.simulation;

import io.coxswain.node.NodeAgent;
import io.coxswain.node.NodeFacts;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.registry.Client;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Many simulated nodes in one actor system: each has its own node agent and simulated runtime.
 * A killed node's agent stops (no more heartbeats, nothing runs its pods) while its runtime keeps
 * what it had, as a host that lost its network would; a node that returns gets a new agent on the
 * same runtime, which re-adopts or removes what it finds.
 */
public final class SimulatedNodes {
  public sealed interface Command {}

  public record Start(String name, SimulatedRuntime runtime) implements Command {}

  public record Kill(String name) implements Command {}

  private SimulatedNodes() {}

  public static Behavior<Command> create(WatchCache cache, Client client, NodeAgent.Settings settings, Clock clock) {
    return Behaviors.setup(context -> {
      Map<String, ActorRef<NodeAgent.Command>> agents = new HashMap<>();
      Map<String, Integer> generations = new HashMap<>();
      return Behaviors.receive(Command.class)
          .onMessage(Start.class, start -> {
            int generation = generations.merge(start.name(), 1, Integer::sum);
            NodeFacts facts = new NodeFacts(start.name(), Map.of(), "127.0.0.1", 4, 16L << 30, 110,
                start.runtime().version(), "simulated", "0", "amd64", start.name() + "-" + generation, 0, null, null);
            agents.put(start.name(), context.spawn(NodeAgent.create(cache, client, facts, start.runtime(), settings, clock),
                start.name() + "-" + generation));
            return Behaviors.same();
          })
          .onMessage(Kill.class, kill -> {
            ActorRef<NodeAgent.Command> agent = agents.remove(kill.name());
            if (agent != null) {
              context.stop(agent);
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  public static NodeAgent.Settings fastSettings() {
    return new NodeAgent.Settings(Duration.ofSeconds(1), Duration.ofMillis(300),
        new RestartRules.Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)));
  }

  /**
   * Starts {@code count} simulated nodes {@code sim-0..sim-N} on {@code nodes}, each with its own
   * runtime (seeded from {@code seed}) and a /24 of its own; answers the runtimes by node name.
   */
  public static java.util.Map<String, io.coxswain.node.runtime.simulated.SimulatedRuntime> startAll(
      org.apache.pekko.actor.typed.ActorRef<Command> nodes, int count, long seed) {
    java.util.Map<String, io.coxswain.node.runtime.simulated.SimulatedRuntime> runtimes = new java.util.HashMap<>();
    for (int i = 0; i < count; i++) {
      String name = "sim-" + i;
      var runtime = new io.coxswain.node.runtime.simulated.SimulatedRuntime(java.time.Clock.systemUTC(), seed + i,
          Duration.ofMillis(50), "10." + (i / 250 + 100) + "." + (i % 250) + ".0/24");
      runtimes.put(name, runtime);
      nodes.tell(new Start(name, runtime));
    }
    return runtimes;
  }
}
