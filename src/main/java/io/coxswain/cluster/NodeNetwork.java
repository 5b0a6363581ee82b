package io.coxswain.cluster;

import com.typesafe.config.Config;
import io.coxswain.network.Cidr;
import io.coxswain.network.ClusterDns;
import io.coxswain.network.DnsServer;
import io.coxswain.network.NftTables;
import io.coxswain.network.ServiceDataplane;
import io.coxswain.network.ServiceProxy;
import io.coxswain.network.ServiceRange;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.PodNetwork;
import io.coxswain.registry.Client;
import io.coxswain.store.WatchCache;
import java.net.InetAddress;
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
 * Starts this member's node network as {@code coxswain.network.service-proxy} says: {@code nftables}
 * (required: the start fails when it cannot be set up), {@code auto} (with a runtime whose pods
 * are real, that is Docker; when it cannot be set up the node serves no Service and says why at
 * ERROR) or {@code off}. With the service data plane comes the node's cluster DNS server, on the
 * node's address on its pod network (the first address of its pod range), port 53, registered in
 * the kube-dns Endpoints. Both are removed when the member stops.
 */
final class NodeNetwork {
  private static final Logger log = LoggerFactory.getLogger(NodeNetwork.class);

  private NodeNetwork() {}

  /** @return the cluster domain when this node serves the cluster DNS (its pods get its resolv.conf), else null */
  static String start(ActorSystem<Void> system, WatchCache cache, Client client, Config config, String nodeName,
      ContainerRuntime runtime, Cidr podCidr) throws Exception {
    String mode = config.getString("coxswain.network.service-proxy");
    boolean wanted = switch (mode) {
      case "nftables" -> true;
      case "auto" -> runtime instanceof PodNetwork;
      case "off" -> false;
      default -> throw new IllegalArgumentException("unknown coxswain.network.service-proxy \"" + mode
          + "\" (known: auto, nftables, off)");
    };
    if (!wanted) {
      return null;
    }
    // The bridge is made once, when the runtime prepares the node: ask the daemon its name once.
    List<String> bridges = runtime instanceof PodNetwork network ? List.of(network.bridgeInterface()) : List.of();
    ServiceDataplane dataplane = new ServiceDataplane(nodeName,
        new ServiceRange(config.getString("coxswain.api.service-cidr")), () -> bridges,
        runtime instanceof PodNetwork ? config.getString("coxswain.network.cluster-cidr") : null);
    try {
      dataplane.start();
    } catch (ServiceRange.Unsafe | NftTables.Unavailable e) {
      if ("nftables".equals(mode)) {
        throw new IllegalStateException("the service data plane cannot start: " + e.getMessage(), e);
      }
      log.error("node={} serves NO Service traffic: {}. Set coxswain.network.service-proxy = off to silence this.",
          nodeName, e.getMessage());
      return null;
    }
    system.systemActorOf(ServiceProxy.create(cache, nodeName, dataplane,
        system.dispatchers().lookup(DispatcherSelector.blocking()),
        config.getDuration("coxswain.controllers.resync"), Clock.systemUTC()), "service-proxy", Props.empty());
    String domain = config.getString("coxswain.network.cluster-domain");
    String address = podCidr.address(1);
    DnsServer dns = DnsServer.start(new ClusterDns(domain), cache::view, InetAddress.getByName(address),
        config.getInt("coxswain.network.dns-port"));
    ClusterDnsEndpoints.set(client, cache.view(), nodeName, address, dns.port());
    log.info("node={} cluster DNS for {} on {}:{}", nodeName, domain, address, dns.port());
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "remove-node-network", () -> CompletableFuture.supplyAsync(() -> {
          dns.close();
          dataplane.stop();
          return Done.getInstance();
        }));
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unregister-cluster-dns",
        () -> CompletableFuture.supplyAsync(() -> {
          try {
            ClusterDnsEndpoints.set(client, cache.view(), nodeName, null, dns.port());
          } catch (Exception e) {
            log.debug("node={} could not unregister its DNS server: {}", nodeName, e.toString());
          }
          return Done.getInstance();
        }));
    return domain;
  }
}
