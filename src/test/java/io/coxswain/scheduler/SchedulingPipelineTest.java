package io.coxswain.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingPipelineTest {
  private static Node node(String name, String memory, boolean ready, boolean unschedulable, String extra) {
    return Json.decode(("{\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"disk\":\"" + extra
        + "\"}},\"spec\":{\"unschedulable\":" + unschedulable + "},\"status\":{\"allocatable\":{\"cpu\":\"2\",\"memory\":\""
        + memory + "\",\"pods\":\"110\"},\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False")
        + "\"}]}}").getBytes(), "application/json", Node.class);
  }

  private static Pod pod(String name, String memory, String owner, String selector) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\""
        + (owner == null ? "" : ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\","
        + "\"name\":\"rc\",\"uid\":\"" + owner + "\",\"controller\":true}]")
        + "},\"spec\":{" + (selector == null ? "" : "\"nodeSelector\":{\"disk\":\"" + selector + "\"},")
        + "\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"resources\":{\"requests\":{\"memory\":\"" + memory
        + "\"}}}]}}").getBytes(), "application/json", Pod.class);
  }

  @Test
  void explainsInKubernetesWordsWhyNoNodeFits() {
    List<NodeInfo> nodes = List.of(
        NodeInfo.of(node("a", "1Gi", true, false, "ssd"), List.of()),
        NodeInfo.of(node("b", "1Gi", true, false, "ssd"), List.of()),
        NodeInfo.of(node("c", "8Gi", true, true, "ssd"), List.of()));
    SchedulingPipeline.Decision decision = SchedulingPipeline.defaults().schedule(pod("big", "2Gi", null, null), nodes);
    assertThat(decision.scheduled()).isFalse();
    assertThat(decision.unschedulableMessage())
        .isEqualTo("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory.");
  }

  @Test
  void filtersSelectorsReadinessAndCountsWhatIsAlreadyBound() {
    NodeInfo ssd = NodeInfo.of(node("ssd-node", "1Gi", true, false, "ssd"), List.of(pod("old", "768Mi", null, null)));
    NodeInfo hdd = NodeInfo.of(node("hdd-node", "4Gi", true, false, "hdd"), List.of());
    NodeInfo down = NodeInfo.of(node("down", "8Gi", false, false, "ssd"), List.of());
    SchedulingPipeline.Decision decision = SchedulingPipeline.defaults()
        .schedule(pod("p", "512Mi", null, "ssd"), List.of(ssd, hdd, down));
    assertThat(decision.unschedulableMessage()).isEqualTo("0/3 nodes are available: 1 Insufficient memory, "
        + "1 node(s) didn't match Pod's node affinity/selector, "
        + "1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.");
  }

  @Test
  void spreadsPodsOfOneControllerAndPrefersFreeNodes() {
    NodeInfo a = NodeInfo.of(node("a", "4Gi", true, false, "x"), List.of(pod("rc-1", "100Mi", "rc-uid", null)));
    NodeInfo b = NodeInfo.of(node("b", "4Gi", true, false, "x"), List.of());
    assertThat(SchedulingPipeline.defaults().schedule(pod("rc-2", "100Mi", "rc-uid", null), List.of(a, b)).node())
        .isEqualTo("b");
    NodeInfo fuller = NodeInfo.of(node("c", "4Gi", true, false, "x"), List.of(pod("x", "3Gi", null, null)));
    NodeInfo emptier = NodeInfo.of(node("d", "4Gi", true, false, "x"), List.of(pod("y", "1Gi", null, null)));
    assertThat(SchedulingPipeline.defaults().schedule(pod("z", "100Mi", null, null), List.of(fuller, emptier)).node())
        .isEqualTo("d");
  }

  @Test
  void demandsAreKeptAcrossPassesButTheControllerIsReadFresh() {
    PodDemands demands = new PodDemands();
    Pod orphan = pod("p", "256Mi", null, null).withMetadata(pod("p", "256Mi", null, null).metadata().withUid("uid-1"));
    PodDemand first = demands.of(orphan);
    assertThat(first.requests().memoryBytes()).isEqualTo(256L << 20);
    assertThat(first.controllerUid()).isNull();
    demands.endPass();
    Pod adopted = pod("p", "256Mi", "rc-uid", null).withMetadata(
        pod("p", "256Mi", "rc-uid", null).metadata().withUid("uid-1"));
    PodDemand later = demands.of(adopted);
    assertThat(later.requests()).isSameAs(first.requests());
    assertThat(later.controllerUid()).isEqualTo("rc-uid");
    demands.endPass();
    demands.endPass();
    assertThat(demands.of(adopted).requests()).as("forgotten after a pass without it, then worked out again")
        .isNotSameAs(first.requests()).isEqualTo(first.requests());
  }

  @Test
  void aNodeWithOneMorePodCountsItsRequestsAndController() {
    NodeInfo node = NodeInfo.of(node("a", "4Gi", true, false, "x"), List.of());
    NodeInfo after = node.with(PodDemand.of(pod("p", "1Gi", "rc-uid", null)));
    assertThat(after.podCount()).isEqualTo(1);
    assertThat(after.requested().memoryBytes()).isEqualTo(1L << 30);
    assertThat(after.podsOf("rc-uid")).isEqualTo(1);
    assertThat(node.podsOf("rc-uid")).as("the node before is unchanged").isZero();
  }
}
