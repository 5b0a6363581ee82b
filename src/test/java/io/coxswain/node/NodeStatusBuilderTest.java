package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusBuilderTest {
  private static final NodeFacts FACTS = new NodeFacts("n1", Map.of("zone", "a"), "127.0.0.2", 2, 4L << 30, 110,
      "none://", "Debian GNU/Linux 12", "6.1.0", "amd64", "boot-1", 10250, "pekko://coxswain@127.0.0.2:25520", "10.244.1.0/24");

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void registrationIsReadyWithCapacityAddressesAndLabels() {
    Node node = NodeStatusBuilder.registration(FACTS, at("2026-11-27T03:00:00Z"));
    assertThat(node.metadata().name()).isEqualTo("n1");
    assertThat(node.metadata().labels()).containsEntry("kubernetes.io/hostname", "n1").containsEntry("zone", "a")
        .containsEntry("kubernetes.io/os", "linux");
    assertThat(node.status().capacity()).isEqualTo(
        io.coxswain.api.Quantity.resourceList("cpu", "2", "memory", "4Gi", "pods", "110"));
    assertThat(node.status().capacity().get("memory").toString()).as("canonical form").isEqualTo("4Gi");
    assertThat(node.status().allocatable()).isEqualTo(node.status().capacity());
    assertThat(node.status().addresses()).extracting(a -> a.type() + "=" + a.address())
        .containsExactly("InternalIP=127.0.0.2", "Hostname=n1");
    NodeCondition ready = node.status().condition("Ready");
    assertThat(ready.status()).isEqualTo("True");
    assertThat(ready.reason()).isEqualTo("KubeletReady");
    assertThat(ready.lastHeartbeatTime()).isEqualTo("2026-11-27T03:00:00Z");
    assertThat(node.status().nodeInfo().kubeletVersion()).isEqualTo("v1.32.0-coxswain");
    assertThat(node.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
  }

  @Test
  void heartbeatMovesOnlyTheHeartbeatAndKeepsWhatOthersSet() {
    Node first = NodeStatusBuilder.registration(FACTS, at("2026-11-27T03:00:00Z"));
    Node cordoned = first.withSpec(new NodeSpec(null, null, null, true, null, null, null, null))
        .withMetadata(first.metadata().withLabels(Map.of("kubernetes.io/hostname", "n1", "role", "db")));
    Node beat = NodeStatusBuilder.refreshed(cordoned, FACTS, at("2026-11-27T03:00:10Z"));
    assertThat(beat.spec().unschedulable()).isTrue();
    assertThat(beat.metadata().labels()).containsEntry("role", "db").containsEntry("zone", "a");
    NodeCondition ready = beat.status().condition("Ready");
    assertThat(ready.lastHeartbeatTime()).isEqualTo("2026-11-27T03:00:10Z");
    assertThat(ready.lastTransitionTime()).isEqualTo("2026-11-27T03:00:00Z");
  }
}
