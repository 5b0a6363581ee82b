package io.coxswain.scheduler;

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

/** The scheduler singleton against the real store: binds what fits, explains what does not, retries on change. */
@Tag("integration")
class SchedulerTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void bindsPendingPodsAndRetriesUnschedulableOnesWhenTheClusterChanges() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      String nodeName = NodeSettings.defaultNodeName();
      assertThat(http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"free\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}").code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get(PODS + "/free").json().at("/status/phase").asText()
          .equals("Running"));
      assertThat(http.get(PODS + "/free").json().at("/spec/nodeName").asText()).isEqualTo(nodeName);

      assertThat(http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"picky\"},"
          + "\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"},\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}")
          .code()).isEqualTo(201);
      String expected = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.";
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/namespaces/default/events"
          + "?fieldSelector=involvedObject.name%3Dpicky,reason%3DFailedScheduling").json().get("items").size() == 1);
      JsonNode event = http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dpicky")
          .json().at("/items/0");
      assertThat(event.get("message").asText()).isEqualTo(expected);
      assertThat(event.get("type").asText()).isEqualTo("Warning");
      JsonNode scheduled = http.get(PODS + "/picky").json().at("/status/conditions");
      assertThat(scheduled.toString()).contains("\"reason\":\"Unschedulable\"", expected);

      assertThat(http.patch("/api/v1/nodes/" + nodeName, "application/merge-patch+json",
          "{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get(PODS + "/picky").json().at("/spec/nodeName").asText()
          .equals(nodeName));
    }
  }
}
