package io.coxswain.cluster;

import com.typesafe.config.Config;
import io.coxswain.network.NftTables;
import io.coxswain.network.ServiceDataplane;
import io.coxswain.network.ServiceProxy;
import io.coxswain.network.ServiceRange;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.PodNetwork;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts this member's service data plane as {@code coxswain.network.service-proxy} says:
 * {@code nftables} (required: the start fails when it cannot be set up), {@code auto} (with a
 * runtime whose pods are real, that is Docker; when it cannot be set up the node serves no Service
 * and says why at ERROR) or {@code off}. Its rules are removed when the member stops.
 */
final class NodeNetwork {
  private static final Logger log = LoggerFactory.getLogger(NodeNetwork.class);

  private NodeNetwork() {}

  static void start(ActorSystem<Void> system, WatchCache cache, Config config, String nodeName,
      ContainerRuntime runtime) {
    String mode = config.getString("coxswain.network.service-proxy");
    boolean wanted = switch (mode) {
      case "nftables" -> true;
      case "auto" -> runtime instanceof PodNetwork;
      case "off" -> false;
      default -> throw new IllegalArgumentException("unknown coxswain.network.service-proxy \"" + mode
          + "\" (known: auto, nftables, off)");
    };
    if (!wanted) {
      return;
    }
    ServiceDataplane dataplane = new ServiceDataplane(nodeName,
        new ServiceRange(config.getString("coxswain.api.service-cidr")),
        () -> runtime instanceof PodNetwork network ? List.of(network.bridgeInterface()) : List.of());
    try {
      dataplane.start();
    } catch (ServiceRange.Unsafe | NftTables.Unavailable e) {
      if ("nftables".equals(mode)) {
        throw new IllegalStateException("the service data plane cannot start: " + e.getMessage(), e);
      }
      log.error("node={} serves NO Service traffic: {}. Set coxswain.network.service-proxy = off to silence this.",
          nodeName, e.getMessage());
      return;
    }
    system.systemActorOf(ServiceProxy.create(cache, dataplane,
        system.dispatchers().lookup(DispatcherSelector.blocking()),
        config.getDuration("coxswain.controllers.resync"), Clock.systemUTC()), "service-proxy", Props.empty());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "remove-service-rules", () -> CompletableFuture.supplyAsync(() -> {
          dataplane.stop();
          return Done.getInstance();
        }));
  }
}
