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
  void aRenewedLeaseIsAHeartbeatThoughTheStatusIsOld() {
    Node quietStatus = node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z");
    Instant lease = Instant.parse("2026-11-27T03:04:50Z");
    assertThat(NodeHealth.markedUnreachable(quietStatus, lease, Duration.ofSeconds(30), at("2026-11-27T03:05:10Z")))
        .as("the lease was renewed 20 s ago").isNull();
    assertThat(NodeHealth.untilNextDeadline(quietStatus, lease, Duration.ofSeconds(30), Duration.ofMinutes(5),
        at("2026-11-27T03:05:10Z"))).isEqualTo(Duration.ofSeconds(10).plusMillis(1));
    assertThat(NodeHealth.markedUnreachable(quietStatus, lease, Duration.ofSeconds(30), at("2026-11-27T03:05:21Z"))
        .status().condition("Ready").status()).as("neither heard for 30 s").isEqualTo("Unknown");
  }

  @Test
  void theAgentReportsStatusOnlyWhenItChangesBeyondTheHeartbeat() {
    Node stored = node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z");
    assertThat(io.coxswain.node.NodeLeases.reportChanged(stored, node("True", "2026-11-27T03:00:10Z",
        "2026-11-27T02:00:00Z"))).isFalse();
    assertThat(io.coxswain.node.NodeLeases.reportChanged(stored, node("Unknown", "2026-11-27T03:00:00Z",
        "2026-11-27T03:00:00Z"))).isTrue();
  }

  @Test
  void aNodeThatIsReadyAgainLosesTheTaint() {
    Node marked = NodeHealth.markedUnreachable(node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z"),
        Duration.ofSeconds(1), at("2026-11-27T03:01:00Z"));
    Node readyAgain = marked.withStatus(node("True", "2026-11-27T03:02:00Z", "2026-11-27T03:02:00Z").status());
    assertThat(NodeHealth.recovered(readyAgain).spec().taints()).isEmpty();
    assertThat(NodeHealth.recovered(marked)).as("still unknown").isNull();
  }

  private static Node onMember(String name, String member) {
    return Json.decode(("{\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"annotations\":"
        + "{\"coxswain.io/member\":\"" + member + "\"}},\"status\":{\"conditions\":[{\"type\":\"Ready\","
        + "\"status\":\"True\",\"lastHeartbeatTime\":\"2026-11-27T03:00:00Z\","
        + "\"lastTransitionTime\":\"2026-11-27T02:00:00Z\"}]}}").getBytes(), "application/json", Node.class);
  }

  @Test
  void aNodeWhoseMemberLeftIsNotReadyAtOnce() {
    Node n1 = onMember("n1", "pekko://coxswain@127.0.0.1:1");
    java.util.Set<String> live = java.util.Set.of("pekko://coxswain@127.0.0.1:2", "pekko://coxswain@127.0.0.1:3");
    assertThat(NodeHealth.memberGone(n1, live)).isTrue();
    assertThat(NodeHealth.memberGone(n1, java.util.Set.of("pekko://coxswain@127.0.0.1:1"))).isFalse();
    assertThat(NodeHealth.memberGone(n1, java.util.Set.of())).as("membership unknown").isFalse();
    assertThat(NodeHealth.memberGone(node("True", "2026-11-27T03:00:00Z", "2026-11-27T02:00:00Z"), live))
        .as("no member: heartbeats decide").isFalse();
    Node marked = NodeHealth.markedMemberGone(n1, at("2026-11-27T03:00:05Z"));
    assertThat(marked.status().condition("Ready").status()).isEqualTo("Unknown");
    assertThat(marked.status().condition("Ready").reason()).isEqualTo("NodeMemberLeft");
    assertThat(marked.status().condition("Ready").lastTransitionTime()).isEqualTo("2026-11-27T03:00:05Z");
    assertThat(marked.spec().taints()).extracting(t -> t.key()).containsExactly("node.kubernetes.io/unreachable");
    assertThat(NodeHealth.markedMemberGone(marked, at("2026-11-27T03:00:09Z"))).as("marked once").isNull();
  }

  @Test
  void withMostMembersMissingTheClusterIsRestartingNotFailing() {
    java.util.List<Node> nodes = java.util.List.of(onMember("n1", "a"), onMember("n2", "b"), onMember("n3", "c"));
    assertThat(NodeHealth.clusterDisrupted(nodes, java.util.Set.of("b", "c"))).as("one of three lost").isFalse();
    assertThat(NodeHealth.clusterDisrupted(nodes, java.util.Set.of("c"))).as("two of three lost").isTrue();
    assertThat(NodeHealth.clusterDisrupted(nodes.subList(0, 2), java.util.Set.of("b"))).as("one of two").isFalse();
  }
}
