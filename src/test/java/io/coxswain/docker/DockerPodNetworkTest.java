package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import io.coxswain.network.Cidr;
import io.coxswain.node.runtime.RuntimeLabels;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pod networks on a Docker host that has other networks: a node's pod range never overlaps one of
 * them, networks left by nodes that are gone are removed, and a node that cannot get its network
 * refuses to start (it never falls back to the simulated runtime while a daemon answers).
 */
@Tag("integration")
class DockerPodNetworkTest {
  private static final String FOREIGN = "coxswain-test-foreign";
  private DockerClient docker;
  private String busyContainer;

  @BeforeEach
  void setUp() {
    docker = DockerSupport.requireDocker();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (busyContainer != null) {
      docker.removeContainerCmd(busyContainer).withForce(true).exec();
    }
    for (Network network : docker.listNetworksCmd().exec()) {
      if (network.getName().equals(FOREIGN) || network.getName().startsWith("coxswain-pod-net-")) {
        docker.removeNetworkCmd(network.getId()).exec();
      }
    }
    docker.close();
  }

  /** The first /24 of the cluster range (after .0.0) that no network of this host overlaps now. */
  private Cidr freeBlock() {
    List<Cidr> taken = docker.listNetworksCmd().exec().stream().filter(n -> n.getIpam() != null
        && n.getIpam().getConfig() != null).flatMap(n -> n.getIpam().getConfig().stream())
        .filter(c -> c.getSubnet() != null && c.getSubnet().contains(".")).map(c -> Cidr.parse(c.getSubnet())).toList();
    for (int i = 1; i < 256; i++) {
      Cidr block = Cidr.parse("10.244." + i + ".0/24");
      if (taken.stream().noneMatch(block::overlaps)) {
        return block;
      }
    }
    throw new IllegalStateException("no free /24 in 10.244.0.0/16 on this host");
  }

  private static List<Cidr> subnetsOf(Network network) {
    return network.getIpam().getConfig().stream().map(c -> Cidr.parse(c.getSubnet())).toList();
  }

  /** A network that is not Coxswain's, with a running container on it, on {@code subnet}. */
  private void foreignBusyNetwork(Cidr subnet) {
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge")
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet.toString()))).exec();
    busyContainer = docker.createContainerCmd(DockerSupport.TEST_IMAGE).withCmd("sleep", "600")
        .withLabels(Map.of("coxswain.test", "pod-network"))
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(FOREIGN)).exec()
        .getId();
    docker.startContainerCmd(busyContainer).exec();
  }

  @Test
  void aNodesPodRangeAvoidsTheHostsOtherNetworksAndIsItsNodesPodCidr() throws Exception {
    // The first block a new cluster could hand out is taken by a network that is not Coxswain's.
    Cidr foreign = freeBlock();
    foreignBusyNetwork(foreign);
    try (TestNode node = TestNode.named("pod-net-a", Map.of("coxswain.node.runtime", "docker"))) {
      Network own = docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-a").exec();
      Cidr range = subnetsOf(own).get(0);
      assertThat(range.overlaps(foreign)).isFalse();
      assertThat(Cidr.parse("10.244.0.0/16").overlaps(range)).isTrue();
      var stored = new Http(node.url()).get("/api/v1/nodes/pod-net-a").json();
      assertThat(stored.at("/spec/podCIDR").asText()).isEqualTo(range.toString());
      assertThat(stored.at("/spec/podCIDRs/0").asText()).isEqualTo(range.toString());
      assertThat(stored.at("/status/nodeInfo/containerRuntimeVersion").asText()).startsWith("docker://");
      var claims = new Http(node.url()).get("/api/v1/namespaces/kube-system/configmaps/coxswain-pod-cidrs").json();
      assertThat(claims.at("/data/pod-net-a").asText()).startsWith(range + " ");
    }
  }

  @Test
  void aRequestedRangeOverlappingAnotherNetworkRefusesTheStartAndSaysWhy() {
    Cidr foreign = freeBlock();
    foreignBusyNetwork(foreign);
    assertThatThrownBy(() -> TestNode.named("pod-net-b", Map.of("coxswain.node.runtime", "auto",
        "coxswain.node.pod-subnet", foreign.toString())))
        .hasStackTraceContaining("overlaps a network this host already has (" + foreign + ")");
  }

  @Test
  void aNetworkLeftByANodeThatIsGoneIsRemoved() throws Exception {
    // What a node of an earlier cluster leaves behind: its network, labelled with its name.
    Cidr left = freeBlock();
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge").withLabels(Map.of(RuntimeLabels.NODE, "gone"))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(left.toString()))).exec();
    // A grace of zero: the test's network counts as old at once (by default it must be a minute old,
    // as a member starting beside this one has its network before its Node is registered).
    try (TestNode node = TestNode.named("pod-net-c", Map.of("coxswain.node.runtime", "docker",
        "coxswain.node.docker.network-settle", "0s"))) {
      assertThat(docker.listNetworksCmd().exec()).noneMatch(n -> n.getName().equals(FOREIGN));
      // Its range was free again: the new node may take it (the first free block is at or before it).
      Cidr range = subnetsOf(docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-c").exec()).get(0);
      assertThat(Integer.toUnsignedLong(range.base())).isLessThanOrEqualTo(Integer.toUnsignedLong(left.base()));
    }
  }

  @Test
  void aNetworkOfANodeThatIsStartingIsKept() throws Exception {
    Cidr fresh = freeBlock();
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge").withLabels(Map.of(RuntimeLabels.NODE, "starting"))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(fresh.toString()))).exec();
    try (TestNode node = TestNode.named("pod-net-d", Map.of("coxswain.node.runtime", "docker"))) {
      assertThat(docker.listNetworksCmd().exec()).anyMatch(n -> n.getName().equals(FOREIGN));
      assertThat(subnetsOf(docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-d").exec()).get(0)
          .overlaps(fresh)).isFalse();
    }
  }
}
