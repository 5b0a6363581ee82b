package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A member registers its Node through the real store and heartbeats as a kubelet does: its Lease in
 * kube-node-lease is renewed every beat, the Node's status is not rewritten while nothing changes.
 */
@Tag("integration")
class NodeAgentTest {
  @Test
  void registersTheNodeAndHeartbeats() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.heartbeat-interval", "1s"))) {
      Http http = new Http(node.url());
      String name = NodeSettings.defaultNodeName();
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/nodes/" + name).code() == 200);
      JsonNode first = http.get("/api/v1/nodes/" + name).json();
      assertThat(first.at("/metadata/labels").get("kubernetes.io/hostname").asText()).isEqualTo(name);
      assertThat(first.at("/status/conditions/0/type").asText()).isEqualTo("Ready");
      assertThat(first.at("/status/conditions/0/status").asText()).isEqualTo("True");
      String heartbeat = first.at("/status/conditions/0/lastHeartbeatTime").asText();
      String lease = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + name;
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get(lease).code() == 200);
      JsonNode firstLease = http.get(lease).json();
      assertThat(firstLease.at("/spec/holderIdentity").asText()).isEqualTo(name);
      assertThat(firstLease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(40);
      assertThat(firstLease.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(first.at("/metadata/uid").asText());
      String renewed = firstLease.at("/spec/renewTime").asText();
      await().atMost(Duration.ofSeconds(20)).until(() -> !http.get(lease).json().at("/spec/renewTime").asText()
          .equals(renewed));
      JsonNode later = http.get("/api/v1/nodes/" + name).json();
      assertThat(later.at("/metadata/uid").asText()).isEqualTo(first.at("/metadata/uid").asText());
      assertThat(later.at("/status/conditions/0/lastTransitionTime").asText())
          .isEqualTo(first.at("/status/conditions/0/lastTransitionTime").asText());
      assertThat(later.at("/status/conditions/0/lastHeartbeatTime").asText())
          .as("an unchanged status is not rewritten on every beat").isEqualTo(heartbeat);
    }
  }

  @Test
  void aNodeCanClaimACapacityOtherThanTheHosts() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.capacity.cpu", 64,
        "coxswain.node.capacity.memory", "256Gi", "coxswain.node.max-pods", 500))) {
      JsonNode capacity = new Http(node.url()).get("/api/v1/nodes/" + NodeSettings.defaultNodeName()).json()
          .at("/status/capacity");
      assertThat(capacity.get("cpu").asText()).isEqualTo("64");
      assertThat(capacity.get("memory").asText()).as("canonical form").isEqualTo("256Gi");
      assertThat(capacity.get("pods").asText()).isEqualTo("500");
    }
  }
}
