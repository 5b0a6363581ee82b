package io.coxswain.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node IPAM: blocks of the cluster range, never overlapping another node's or the host's networks. */
class PodCidrsTest {
  private static final Cidr CLUSTER = Cidr.parse("10.244.0.0/16");

  @Test
  void theFirstFreeBlockAfterTheZeroOne() {
    assertThat(PodCidrs.choose(CLUSTER, 24, Map.of(), "n1", List.of(), null)).contains(Cidr.parse("10.244.1.0/24"));
    assertThat(PodCidrs.choose(CLUSTER, 24, Map.of("n1", "10.244.1.0/24"), "n2", List.of(), null))
        .contains(Cidr.parse("10.244.2.0/24"));
  }

  @Test
  void aNodeKeepsItsBlockAndNeverTakesAnothersOrAHostNetwork() {
    Map<String, String> claims = Map.of("n1", "10.244.1.0/24", "n2", "10.244.3.0/24");
    assertThat(PodCidrs.choose(CLUSTER, 24, claims, "n2", List.of(), null)).contains(Cidr.parse("10.244.3.0/24"));
    assertThat(PodCidrs.choose(CLUSTER, 24, claims, "n3", List.of(Cidr.parse("10.244.2.0/23")), null))
        .contains(Cidr.parse("10.244.4.0/24"));
    // A host network now covers n2's old block: it moves.
    assertThat(PodCidrs.choose(CLUSTER, 24, claims, "n2", List.of(Cidr.parse("10.244.3.0/24")), null))
        .contains(Cidr.parse("10.244.2.0/24"));
  }

  @Test
  void theSubnetANetworkAlreadyHasIsKeptWhenFree() {
    assertThat(PodCidrs.choose(CLUSTER, 24, Map.of(), "n1", List.of(), Cidr.parse("10.244.31.0/24")))
        .contains(Cidr.parse("10.244.31.0/24"));
    assertThat(PodCidrs.choose(CLUSTER, 24, Map.of("n2", "10.244.31.0/24"), "n1", List.of(),
        Cidr.parse("10.244.31.0/24"))).contains(Cidr.parse("10.244.1.0/24"));
    assertThat(PodCidrs.choose(CLUSTER, 24, Map.of(), "n1", List.of(), Cidr.parse("192.168.5.0/24")))
        .as("outside the cluster range").contains(Cidr.parse("10.244.1.0/24"));
  }

  @Test
  void aFullRangeHasNoBlock() {
    Cidr small = Cidr.parse("10.244.0.0/23");
    assertThat(PodCidrs.choose(small, 24, Map.of("n1", "10.244.1.0/24"), "n2", List.of(), null)).isEmpty();
  }
}
