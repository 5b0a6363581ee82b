package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import io.coxswain.node.runtime.RuntimeLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker networks of this host as a node sees them before it claims its pod range: its own
 * network's subnet (kept across restarts when it can be), the subnets every other network uses (a
 * pod range must not overlap them, or Docker refuses with "Pool overlaps"), and the networks that
 * nodes no longer in the cluster left behind, which are removed when nothing is attached to them.
 */
public final class DockerNetworks {
  private static final Logger log = LoggerFactory.getLogger(DockerNetworks.class);

  /**
   * @param ownSubnet the subnet of this node's network, or null when it has none yet
   * @param others    the subnets of every other network of the host, after the clean-up
   * @param removed   the names of the networks removed
   */
  public record Survey(String ownSubnet, List<String> others, List<String> removed) {}

  private DockerNetworks() {}

  /**
   * @param nodeKnown whether a node of that name is in the cluster (its network is left alone)
   */
  public static Survey survey(DockerClient docker, DockerSettings settings, String nodeName,
      Predicate<String> nodeKnown) {
    String own = null;
    List<String> others = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (Network network : docker.listNetworksCmd().exec()) {
      List<String> subnets = subnets(network);
      if (network.getName().equals(settings.network())) {
        own = subnets.isEmpty() ? null : subnets.get(0);
        continue;
      }
      Map<String, String> labels = network.getLabels() == null ? Map.of() : network.getLabels();
      String owner = labels.get(RuntimeLabels.NODE);
      if (owner != null && !owner.equals(nodeName) && !nodeKnown.test(owner) && settled(network, settings)
          && unused(docker, network)) {
        try {
          docker.removeNetworkCmd(network.getId()).exec();
          removed.add(network.getName());
          log.info("node={} removed the Docker network {} ({}) of node {}, which is not in the cluster", nodeName,
              network.getName(), subnets, owner);
          continue;
        } catch (DockerException e) {
          log.debug("network {} stays: {}", network.getName(), DockerErrors.message(e));
        }
      }
      others.addAll(subnets);
    }
    return new Survey(own, List.copyOf(others), List.copyOf(removed));
  }

  /**
   * Made longer ago than {@code network-settle}: a member starting beside this one has its network for moments
   * before its claim reaches every member's cache, and must not lose it.
   */
  private static boolean settled(Network network, DockerSettings settings) {
    return network.getCreated() == null
        || !network.getCreated().toInstant().isAfter(java.time.Instant.now().minus(settings.networkSettle()));
  }

  private static boolean unused(DockerClient docker, Network network) {
    Network inspected = docker.inspectNetworkCmd().withNetworkId(network.getId()).exec();
    return inspected.getContainers() == null || inspected.getContainers().isEmpty();
  }

  private static List<String> subnets(Network network) {
    List<String> subnets = new ArrayList<>();
    if (network.getIpam() != null && network.getIpam().getConfig() != null) {
      for (Network.Ipam.Config config : network.getIpam().getConfig()) {
        if (config.getSubnet() != null && config.getSubnet().contains(".")) {
          subnets.add(config.getSubnet());
        }
      }
    }
    return subnets;
  }

  /**
   * Makes this node's network with {@code subnet}; one that exists with another subnet is
   * recreated when nothing is attached to it.
   *
   * @throws IllegalStateException when the existing network has another subnet and pods on it
   */
  static void ensure(DockerClient docker, DockerSettings settings, String nodeName) {
    for (Network network : docker.listNetworksCmd().withNameFilter(settings.network()).exec()) {
      if (!network.getName().equals(settings.network())) {
        continue;
      }
      List<String> subnets = subnets(network);
      if (subnets.contains(settings.podSubnet())) {
        return;
      }
      if (!unused(docker, network)) {
        throw new IllegalStateException("the network " + settings.network() + " has subnet " + subnets
            + " and containers on it, but this node's pod range is " + settings.podSubnet()
            + "; remove its pods' containers or the network");
      }
      docker.removeNetworkCmd(network.getId()).exec();
    }
    docker.createNetworkCmd().withName(settings.network()).withDriver("bridge")
        .withLabels(Map.of(RuntimeLabels.NODE, nodeName))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(settings.podSubnet())))
        .exec();
  }
}
