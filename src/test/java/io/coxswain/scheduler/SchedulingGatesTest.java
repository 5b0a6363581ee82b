package io.coxswain.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pod scheduling gates through the real HTTP API on one in-process member (simulated runtime): a
 * gated pod is created Pending with PodScheduled=False/SchedulingGated, the scheduler passes it
 * by while placing pods created after it, the binding subresource refuses it, gates can only be
 * removed, and once the last one goes the pod is scheduled and runs.
 */
@Tag("integration")
class SchedulingGatesTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final Duration BOUND = Duration.ofSeconds(20);

  private static String pod(String name, String gates) {
    return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
        + (gates == null ? "" : "\"schedulingGates\":" + gates + ",")
        + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  }

  private static JsonNode scheduledCondition(JsonNode pod) {
    for (JsonNode c : pod.at("/status/conditions")) {
      if ("PodScheduled".equals(c.get("type").asText())) {
        return c;
      }
    }
    return null;
  }

  /** Creates an ungated pod and waits until it runs: proof the scheduler has passed since. */
  private static void schedulerPassed(Http http, String name) {
    assertThat(http.post(PODS, "application/json", pod(name, null)).code()).isEqualTo(201);
    await().atMost(BOUND).until(() -> "Running".equals(http.get(PODS + "/" + name).json().at("/status/phase").asText()));
  }

  private static void stillGated(Http http) {
    JsonNode gated = http.get(PODS + "/gated").json();
    assertThat(gated.at("/spec/nodeName").asText()).isEmpty();
    assertThat(gated.at("/status/phase").asText()).isEqualTo("Pending");
    JsonNode condition = scheduledCondition(gated);
    assertThat(condition).isNotNull();
    assertThat(condition.get("status").asText()).isEqualTo("False");
    assertThat(condition.get("reason").asText()).isEqualTo("SchedulingGated");
    assertThat(condition.get("message").asText()).isEqualTo("Scheduling is blocked due to non-empty scheduling gates");
  }

  @Test
  void aGatedPodWaitsUntilItsLastGateIsRemoved() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      String nodeName = NodeSettings.defaultNodeName();
      Http.Reply created = http.post(PODS, "application/json",
          pod("gated", "[{\"name\":\"example.com/quota\"},{\"name\":\"example.com/arch\"}]"));
      assertThat(created.code()).as(created.body()).isEqualTo(201);
      assertThat(scheduledCondition(created.json()).get("reason").asText()).isEqualTo("SchedulingGated");

      schedulerPassed(http, "first");
      stillGated(http);
      assertThat(http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dgated")
          .json().get("items")).as("the scheduler never tried it").isEmpty();
      Kubectl.Result table = new Kubectl(node.url()).run("get", "pod", "gated", "-n", "default");
      assertThat(table.exitCode()).as(table.all()).isZero();
      assertThat(table.out()).containsPattern("gated\\s+0/1\\s+SchedulingGated\\s+0");

      Http.Reply bind = http.post(PODS + "/gated/binding", "application/json", "{\"kind\":\"Binding\","
          + "\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"gated\"},\"target\":{\"kind\":\"Node\",\"name\":\""
          + nodeName + "\"}}");
      assertThat(bind.code()).isEqualTo(409);
      assertThat(bind.json().get("message").asText()).isEqualTo(
          "Operation cannot be fulfilled on pods/binding \"gated\": pod gated has non-empty .spec.schedulingGates");

      Http.Reply added = http.patch(PODS + "/gated", "application/json-patch+json",
          "[{\"op\":\"add\",\"path\":\"/spec/schedulingGates/-\",\"value\":{\"name\":\"example.com/late\"}}]");
      assertThat(added.code()).isEqualTo(422);
      assertThat(added.json().get("message").asText()).isEqualTo("Pod \"gated\" is invalid: "
          + "spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate "
          + "'example.com/late'");

      assertThat(http.patch(PODS + "/gated", "application/json-patch+json",
          "[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates/0\"}]").code()).isEqualTo(200);
      schedulerPassed(http, "second");
      stillGated(http);

      Http.Reply released = http.patch(PODS + "/gated", "application/json-patch+json",
          "[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates\"}]");
      assertThat(released.code()).as(released.body()).isEqualTo(200);
      await().atMost(BOUND).until(() -> "Running".equals(http.get(PODS + "/gated").json().at("/status/phase").asText()));
      JsonNode running = http.get(PODS + "/gated").json();
      assertThat(running.at("/spec/nodeName").asText()).isEqualTo(nodeName);
      assertThat(scheduledCondition(running).get("status").asText()).isEqualTo("True");
    }
  }
}
