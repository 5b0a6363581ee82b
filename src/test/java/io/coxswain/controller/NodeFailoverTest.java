package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One node stops heartbeating: it turns Unknown, its pods are evicted, and the ReplicationController's
 * replicas come back Running on the node that is left — nobody is paged. (A second member is
 * stood in for by a Node object whose agent never posts again.)
 */
@Tag("integration")
class NodeFailoverTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  private static String ghost(Instant heartbeat) {
    String t = heartbeat.truncatedTo(ChronoUnit.SECONDS).toString();
    return "{\"kind\":\"Node\",\"metadata\":{\"name\":\"ghost\",\"labels\":{\"kubernetes.io/hostname\":\"ghost\"}},"
        + "\"status\":{\"capacity\":{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"110\"},"
        + "\"allocatable\":{\"cpu\":\"64\",\"memory\":\"256Gi\",\"pods\":\"110\"},"
        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastHeartbeatTime\":\"" + t + "\","
        + "\"lastTransitionTime\":\"" + t + "\",\"reason\":\"KubeletReady\"}]}}";
  }

  private static List<JsonNode> livePods(Http http) {
    List<JsonNode> pods = new ArrayList<>();
    http.get(PODS + "?labelSelector=app%3Dsurvivor").json().get("items").forEach(p -> {
      if (p.at("/metadata/deletionTimestamp").isMissingNode()) {
        pods.add(p);
      }
    });
    return pods;
  }

  @Test
  void replicasOnASilentNodeAreReplacedOnTheOthers() {
    try (TestNode node = TestNode.start(Map.of(
        "coxswain.node.pod-sync-period", "100ms",
        "coxswain.node.heartbeat-interval", "1s",
        "coxswain.controllers.node-monitor-period", "200ms",
        "coxswain.controllers.node-monitor-grace-period", "3s",
        "coxswain.controllers.pod-eviction-timeout", "1s"))) {
      Http http = new Http(node.url());
      String self = NodeSettings.defaultNodeName();
      assertThat(http.post("/api/v1/nodes", "application/json", ghost(Instant.now())).code()).isEqualTo(201);
      assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: survivor}
          spec:
            replicas: 4
            selector: {app: survivor}
            template:
              metadata: {labels: {app: survivor}}
              spec: {containers: [{name: c, image: busybox}]}
          """).code()).isEqualTo(201);
      // Spread over both nodes: some replicas land on the ghost.
      await().atMost(Duration.ofSeconds(20)).until(() -> livePods(http).size() == 4
          && livePods(http).stream().anyMatch(p -> p.at("/spec/nodeName").asText().equals("ghost")));

      await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/nodes/ghost").json()
          .at("/status/conditions/0/status").asText().equals("Unknown"));
      JsonNode ghost = http.get("/api/v1/nodes/ghost").json();
      assertThat(ghost.at("/spec/taints/0/key").asText()).isEqualTo("node.kubernetes.io/unreachable");

      await().atMost(Duration.ofSeconds(30)).until(() -> {
        List<JsonNode> pods = livePods(http);
        return pods.size() == 4 && pods.stream().allMatch(p -> p.at("/spec/nodeName").asText().equals(self)
            && p.at("/status/phase").asText().equals("Running"));
      });
    }
  }
}
