package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class NodeHealthTest {
  private static Node node(String status, String heartbeat, String transition) {
    return Json.decode(("{\"kind\":\"Node\",\"metadata\":{\"name\":\"n\"},\"status\":{\"conditions\":[{\"type\":\"Ready\","
        + "\"status\":\"" + status + "\",\"lastHeartbeatTime\":\"" + heartbeat + "\",\"lastTransitionTime\":\""
        + transition + "\"}]}}").getBytes(), "application/json", Node.class);
  }

  private static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void silentNodesTurnUnknownAndTaintedThenEvictAfterTheTimeout() {
    Node healthy = node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z");
    assertThat(NodeHealth.markedUnreachable(healthy, Duration.ofSeconds(30), at("2026-11-27T03:00:30Z"))).isNull();
    Node marked = NodeHealth.markedUnreachable(healthy, Duration.ofSeconds(30), at("2026-11-27T03:00:31Z"));
    assertThat(marked.status().condition("Ready").status()).isEqualTo("Unknown");
    assertThat(marked.status().condition("Ready").reason()).isEqualTo("NodeStatusUnknown");
    assertThat(marked.status().condition("Ready").lastTransitionTime()).isEqualTo("2026-11-27T03:00:31Z");
    assertThat(marked.spec().taints()).extracting(t -> t.key() + ":" + t.effect())
        .containsExactly("node.kubernetes.io/unreachable:NoSchedule");
    assertThat(NodeHealth.markedUnreachable(marked, Duration.ofSeconds(30), at("2026-11-27T04:00:00Z")))
        .as("marked once").isNull();

    assertThat(NodeHealth.shouldEvict(marked, Duration.ofSeconds(10), at("2026-11-27T03:00:40Z"))).isFalse();
    assertThat(NodeHealth.shouldEvict(marked, Duration.ofSeconds(10), at("2026-11-27T03:00:41Z"))).isTrue();
    assertThat(NodeHealth.shouldEvict(healthy, Duration.ofSeconds(10), at("2026-11-27T05:00:00Z"))).isFalse();
  }

  @Test
  void aNodeThatIsReadyAgainLosesTheTaint() {
    Node marked = NodeHealth.markedUnreachable(node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z"),
        Duration.ofSeconds(1), at("2026-11-27T03:01:00Z"));
    Node readyAgain = marked.withStatus(node("True", "2026-11-27T03:02:00Z", "2026-11-27T03:02:00Z").status());
    assertThat(NodeHealth.recovered(readyAgain).spec().taints()).isEmpty();
    assertThat(NodeHealth.recovered(marked)).as("still unknown").isNull();
  }
}
