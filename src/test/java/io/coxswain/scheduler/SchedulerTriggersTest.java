package io.coxswain.scheduler;

import io.coxswain.api.Quantity;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.store.CacheView;
import io.coxswain.store.TestCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When the scheduler's pass is queued (pure): by a pod that waits (not one with scheduling gates);
 * while pods wait, by room made or a node that changed in what the filters read; never by
 * heartbeats, and never while nothing waits.
 */
class SchedulerTriggersTest {

  private static Pod pod(String name, String node) {
    Pod pod = Pod.of(ObjectMeta.named("default", name), PodSpec.of(List.of()));
    return node == null ? pod : pod.withSpec(pod.spec().withNodeName(node));
  }

  private static Pod gated(Pod pod, String... gates) {
    return pod.withSpec(pod.spec().withSchedulingGates(java.util.Arrays.stream(gates)
        .map(io.coxswain.api.core.PodSchedulingGate::new).toList()));
  }

  private static Node node(String heartbeat, String ready) {
    NodeStatus status = NodeStatus.builder().capacity(Quantity.resourceList("cpu", "2")).allocatable(Quantity.resourceList("cpu", "2")).conditions(List.of(new NodeCondition("Ready", ready, heartbeat, "t0", "KubeletReady", ""))).addresses(List.of()).build();
    return Node.of(ObjectMeta.named(null, "n1"), null, status);
  }

  private static List<String> podTriggers(CacheView view, Pod before, Pod after) {
    List<String> keys = new ArrayList<>();
    Scheduler.podChanged(before, after, view, keys::add);
    return keys;
  }

  private static List<String> nodeTriggers(CacheView view, Node before, Node after) {
    List<String> keys = new ArrayList<>();
    Scheduler.nodeChanged(before, after, view, keys::add);
    return keys;
  }

  @Test
  void aWaitingPodQueuesThePassAndRoomMadeQueuesItOnlyWhilePodsWait() {
    CacheView settled = TestCaches.view("pods", List.of(pod("bound", "n1")));
    assertThat(podTriggers(settled, null, pod("new", null))).containsExactly(Scheduler.PASS);
    assertThat(podTriggers(settled, pod("bound", "n1"), null)).as("nothing waits").isEmpty();

    CacheView waiting = TestCaches.plus(settled, "pods", List.of(pod("pending", null)));
    assertThat(podTriggers(waiting, pod("bound", "n1"), null)).containsExactly(Scheduler.PASS);
    assertThat(podTriggers(waiting, pod("bound", "n1"), pod("bound", "n1"))).as("a bound pod's update").isEmpty();
  }

  @Test
  void aGatedPodDoesNotQueueThePassUntilItsLastGateIsRemoved() {
    CacheView view = TestCaches.view("pods", List.of());
    Pod twoGates = gated(pod("gated", null), "example.com/a", "example.com/b");
    Pod oneGate = gated(pod("gated", null), "example.com/b");
    Pod released = pod("gated", null);
    assertThat(podTriggers(view, null, twoGates)).as("created gated").isEmpty();
    assertThat(podTriggers(view, twoGates, oneGate)).as("one gate of two removed").isEmpty();
    assertThat(podTriggers(view, oneGate, released)).as("the last gate removed").containsExactly(Scheduler.PASS);
  }

  @Test
  void theQueueLeavesGatedPodsOut() {
    CacheView view = TestCaches.view("pods", List.of(gated(pod("gated", null), "example.com/wait"),
        pod("free", null)));
    assertThat(ClusterSnapshot.of(view, new PodDemands()).pending()).extracting(p -> p.metadata().name())
        .containsExactly("free");
    CacheView onlyGated = TestCaches.view("pods", List.of(gated(pod("gated", null), "example.com/wait")));
    assertThat(ClusterSnapshot.of(onlyGated, new PodDemands()).pending()).isEmpty();
  }

  @Test
  void heartbeatsNeverQueueThePassButReadinessDoesWhilePodsWait() {
    CacheView waiting = TestCaches.view("pods", List.of(pod("pending", null)));
    Node ready = node("2026-01-01T00:00:00Z", "True");
    assertThat(nodeTriggers(waiting, ready, node("2026-01-01T00:00:10Z", "True"))).isEmpty();
    assertThat(nodeTriggers(waiting, node("t", "Unknown"), ready)).containsExactly(Scheduler.PASS);
    assertThat(nodeTriggers(waiting, null, ready)).containsExactly(Scheduler.PASS);
    assertThat(nodeTriggers(TestCaches.view("pods", List.of()), null, ready)).as("nothing waits").isEmpty();
  }
}
