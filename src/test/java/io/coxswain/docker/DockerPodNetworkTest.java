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

  private static List<Cidr> subnetsOf(Network network) {
    return network.getIpam().getConfig().stream().map(c -> Cidr.parse(c.getSubnet())).toList();
  }

  /** A network that is not Coxswain's, with a running container on it, on {@code subnet}. */
  private void foreignBusyNetwork(String subnet) {
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge")
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet))).exec();
    busyContainer = docker.createContainerCmd(DockerSupport.TEST_IMAGE).withCmd("sleep", "600")
        .withLabels(Map.of("coxswain.test", "pod-network"))
        .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(FOREIGN)).exec()
        .getId();
    docker.startContainerCmd(busyContainer).exec();
  }

  @Test
  void aNodesPodRangeAvoidsTheHostsOtherNetworksAndIsItsNodesPodCidr() throws Exception {
    // The first block a new cluster would hand out is taken by a network that is not Coxswain's.
    foreignBusyNetwork("10.244.1.0/24");
    try (TestNode node = TestNode.named("pod-net-a", Map.of("coxswain.node.runtime", "docker"))) {
      Network own = docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-a").exec();
      Cidr range = subnetsOf(own).get(0);
      assertThat(range.overlaps(Cidr.parse("10.244.1.0/24"))).isFalse();
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
    foreignBusyNetwork("10.244.77.0/24");
    assertThatThrownBy(() -> TestNode.named("pod-net-b", Map.of("coxswain.node.runtime", "auto",
        "coxswain.node.pod-subnet", "10.244.77.0/24")))
        .hasStackTraceContaining("overlaps a network this host already has (10.244.77.0/24)");
  }

  @Test
  void aNetworkLeftByANodeThatIsGoneIsRemoved() throws Exception {
    // What a node of an earlier cluster leaves behind: its network, labelled with its name, on the
    // range the new node would take first.
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge").withLabels(Map.of(RuntimeLabels.NODE, "gone"))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet("10.244.1.0/24"))).exec();
    // A grace of zero: the test's network counts as old at once (by default it must be a minute old,
    // as a member starting beside this one has its network before its Node is registered).
    try (TestNode node = TestNode.named("pod-net-c", Map.of("coxswain.node.runtime", "docker",
        "coxswain.node.docker.network-settle", "0s"))) {
      assertThat(docker.listNetworksCmd().exec()).noneMatch(n -> n.getName().equals(FOREIGN));
      assertThat(subnetsOf(docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-c").exec()))
          .containsExactly(Cidr.parse("10.244.1.0/24"));
    }
  }

  @Test
  void aNetworkOfANodeThatIsStartingIsKept() throws Exception {
    docker.createNetworkCmd().withName(FOREIGN).withDriver("bridge").withLabels(Map.of(RuntimeLabels.NODE, "starting"))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet("10.244.1.0/24"))).exec();
    try (TestNode node = TestNode.named("pod-net-d", Map.of("coxswain.node.runtime", "docker"))) {
      assertThat(docker.listNetworksCmd().exec()).anyMatch(n -> n.getName().equals(FOREIGN));
      assertThat(subnetsOf(docker.inspectNetworkCmd().withNetworkId("coxswain-pod-net-d").exec()).get(0)
          .overlaps(Cidr.parse("10.244.1.0/24"))).isFalse();
    }
  }
}
