package io.coxswain.cluster;

import com.github.dockerjava.api.DockerClient;
import com.typesafe.config.Config;
import io.coxswain.network.Cidr;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.docker.DockerConnector;
import io.coxswain.node.runtime.docker.DockerNetworks;
import io.coxswain.node.runtime.docker.DockerSettings;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.registry.Client;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks this member's container runtime from {@code coxswain.node.runtime} and claims its pod
 * range (see {@link PodCidrClaim}): {@code docker} (fails the start when no daemon answers),
 * {@code simulated}, or {@code auto}: Docker when a daemon answers, the simulated runtime only when
 * none does (saying so). A daemon that answers but on which the node cannot be prepared fails the
 * start with the reason: a node must never show pods Running with nothing behind them.
 */
final class RuntimeChoice {
  private static final Logger log = LoggerFactory.getLogger(RuntimeChoice.class);

  /** The runtime and the pod range this node claimed. */
  record Chosen(ContainerRuntime runtime, Cidr podCidr) {}

  private RuntimeChoice() {}

  /**
   * @param nodeExists    whether a Node of that name is in the cluster
   * @param claimedLately whether a node of that name claimed its pod range moments ago (it is starting)
   */
  static Chosen create(Config node, Config network, String nodeName, Clock clock, Client client,
      Predicate<String> nodeExists, Predicate<String> claimedLately) throws Exception {
    Predicate<String> nodeKnown = nodeExists.or(claimedLately);
    String kind = node.getString("runtime");
    switch (kind) {
      case "simulated":
        return simulated(node, network, nodeName, clock, client, nodeExists);
      case "docker":
        return docker(DockerConnector.reach(DockerSettings.fromConfig(node, nodeName)), node, network, nodeName,
            client, nodeExists, nodeKnown);
      case "auto":
        DockerClient docker;
        try {
          docker = DockerConnector.reach(DockerSettings.fromConfig(node, nodeName));
        } catch (DockerConnector.DockerUnavailable e) {
          log.warn("node={} {}; starting with the SIMULATED runtime instead (pods get a status but run no "
              + "processes). Start a Docker daemon and restart, or pass --runtime simulated to choose it.",
              nodeName, e.getMessage());
          return simulated(node, network, nodeName, clock, client, nodeExists);
        }
        return docker(docker, node, network, nodeName, client, nodeExists, nodeKnown);
      default:
        throw new IllegalArgumentException("unknown container runtime \"" + kind
            + "\" (known: auto, docker, simulated)");
    }
  }

  private static Chosen docker(DockerClient docker, Config node, Config network, String nodeName, Client client,
      Predicate<String> nodeExists, Predicate<String> nodeKnown) throws Exception {
    DockerSettings settings = DockerSettings.fromConfig(node, nodeName);
    Cidr podCidr;
    try {
      DockerNetworks.Survey survey = DockerNetworks.survey(docker, settings, nodeName, nodeKnown);
      podCidr = PodCidrClaim.claim(client, nodeName, Cidr.parse(network.getString("cluster-cidr")),
          network.getInt("node-cidr-mask-size"), node.getString("pod-subnet"),
          survey.ownSubnet() == null ? null : Cidr.parse(survey.ownSubnet()),
          survey.others().stream().map(Cidr::parse).toList(), nodeExists);
    } catch (RuntimeException e) {
      docker.close();
      throw new IllegalStateException("the Docker daemon at " + settings.host() + " answers, but node " + nodeName
          + " cannot get a pod range: " + e.getMessage(), e);
    }
    return new Chosen(DockerConnector.prepare(docker, settings.withPodSubnet(podCidr.toString()), nodeName), podCidr);
  }

  private static Chosen simulated(Config node, Config network, String nodeName, Clock clock, Client client,
      Predicate<String> nodeExists) throws Exception {
    Cidr podCidr = PodCidrClaim.claim(client, nodeName, Cidr.parse(network.getString("cluster-cidr")),
        network.getInt("node-cidr-mask-size"), node.getString("pod-subnet"), null, List.of(), nodeExists);
    // Seeded by the node's name: a simulation that restarts a node replays the same ids.
    return new Chosen(new SimulatedRuntime(clock, nodeName.hashCode(), node.getDuration("simulated.start-latency"),
        podCidr.toString()), podCidr);
  }
}
