package io.coxswain.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.store.CacheView;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A seeded simulation of the whole control plane on the simulated runtime: 200 nodes, 20
 * ReplicationControllers, random node kills and returns. Checked throughout: no pod runs on two
 * live nodes; once the chaos stops, every RC converges to exactly its replicas, all Running on
 * live nodes. The seed is printed; rerun with -Dsimulation.seed=N to replay the same choices (RC
 * sizes, which node dies or returns when). Timing is real, so the interleaving is not replayed.
 */
@Tag("integration")
class ClusterSimulationTest {
  private static final int NODES = 200;
  private static final int RCS = 20;
  private static final int STEPS = 12;

  @Test
  void replicasConvergeThroughRandomNodeFailures() throws Exception {
    long seed = Long.getLong("simulation.seed", System.nanoTime());
    System.out.println("ClusterSimulationTest seed=" + seed + " (rerun with -Dsimulation.seed=" + seed + ")");
    Random random = new Random(seed);
    try (TestNode node = TestNode.start(Map.of(
        "coxswain.node.heartbeat-interval", "1s",
        "coxswain.controllers.node-monitor-period", "250ms",
        "coxswain.controllers.node-monitor-grace-period", "4s",
        "coxswain.controllers.pod-eviction-timeout", "1s"))) {
      var store = node.node().store();
      // The simulated nodes are spawned by Pekko's ActorTestKit on the member's actor system.
      ActorTestKit kit = ActorTestKit.create(node.node().system());
      ActorRef<SimulatedNodes.Command> nodes = kit.spawn(
          SimulatedNodes.create(store.cache(), node.node().client(), SimulatedNodes.fastSettings(), Clock.systemUTC()),
          "simulated-nodes");
      Map<String, SimulatedRuntime> runtimes = SimulatedNodes.startAll(nodes, NODES, seed);
      await().atMost(Duration.ofSeconds(60)).until(() -> store.cache().view().count("nodes") == NODES + 1);

      Http http = new Http(node.url());
      Map<String, Integer> replicas = new HashMap<>();
      for (int r = 0; r < RCS; r++) {
        int count = 2 + random.nextInt(9);
        replicas.put("rc-" + r, count);
        assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
            kind: ReplicationController
            metadata: {name: rc-%d}
            spec:
              replicas: %d
              selector: {app: rc-%d}
              template:
                metadata: {labels: {app: rc-%d}}
                spec: {containers: [{name: c, image: busybox}]}
            """.formatted(r, count, r, r)).code()).isEqualTo(201);
      }
      awaitConverged(store, replicas, Set.of());
      Set<String> before = podUids(store.cache().view());

      Set<String> dead = new HashSet<>();
      for (int step = 0; step < STEPS; step++) {
        if (!dead.isEmpty() && random.nextInt(3) == 0) {
          String back = new ArrayList<>(dead).get(random.nextInt(dead.size()));
          dead.remove(back);
          nodes.tell(new SimulatedNodes.Start(back, runtimes.get(back)));
        } else {
          String victim = busiestLiveNode(store.cache().view(), dead, random);
          dead.add(victim);
          nodes.tell(new SimulatedNodes.Kill(victim));
        }
        // Let the control plane react for a while, checking the invariant the whole time.
        Set<String> deadNow = Set.copyOf(dead);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
            .until(() -> {
              assertNoPodOnTwoLiveNodes(runtimes, deadNow);
              return true;
            });
      }
      awaitConverged(store, replicas, dead);
      assertNoPodOnTwoLiveNodes(runtimes, dead);
      Set<String> after = podUids(store.cache().view());
      after.removeAll(before);
      assertThat(after).as("pods of killed nodes were replaced").isNotEmpty();
    }
  }

  private static Set<String> podUids(CacheView view) {
    Set<String> uids = new HashSet<>();
    view.list("pods", "default", null, 0, o -> o.metadata().deletionTimestamp() == null).items()
        .forEach(p -> uids.add(p.metadata().uid()));
    return uids;
  }

  /** A live node that runs pods (so the kill matters), chosen by the seeded random. */
  private static String busiestLiveNode(CacheView view, Set<String> dead, Random random) {
    List<String> candidates = new ArrayList<>();
    for (KubeObject object : view.list("pods", null, null, 0, o -> true).items()) {
      String nodeName = ((Pod) object).spec().nodeName();
      if (nodeName != null && nodeName.startsWith("sim-") && !dead.contains(nodeName) && !candidates.contains(nodeName)) {
        candidates.add(nodeName);
      }
    }
    candidates.sort(null);
    return candidates.get(random.nextInt(candidates.size()));
  }

  private static void assertNoPodOnTwoLiveNodes(Map<String, SimulatedRuntime> runtimes, Set<String> dead) {
    Map<String, String> runningOn = new HashMap<>();
    runtimes.forEach((name, runtime) -> {
      if (dead.contains(name)) {
        return;
      }
      for (OwnedObject object : runtime.listOwned(name)) {
        if (!object.sandbox() && object.running()) {
          String other = runningOn.put(object.pod().uid(), name);
          assertThat(other == null || other.equals(name))
              .as("pod %s runs on %s and %s", object.pod().name(), other, name).isTrue();
        }
      }
    });
  }

  /** Every RC has exactly its replicas, all Running on live nodes, and status says so. */
  private static void awaitConverged(io.coxswain.store.StoreClient store, Map<String, Integer> replicas, Set<String> dead) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      CacheView view = store.cache().view();
      Map<String, Integer> running = new HashMap<>();
      Map<String, Integer> active = new HashMap<>();
      for (KubeObject object : view.list("pods", "default", null, 0, o -> true).items()) {
        Pod pod = (Pod) object;
        String app = pod.metadata().labelsOrEmpty().get("app");
        if (pod.metadata().deletionTimestamp() != null || app == null) {
          continue;
        }
        active.merge(app, 1, Integer::sum);
        if ("Running".equals(pod.statusOrEmpty().phase()) && !dead.contains(pod.spec().nodeName())) {
          running.merge(app, 1, Integer::sum);
        }
      }
      for (KubeObject object : view.list("replicationcontrollers", "default", null, 0, o -> true).items()) {
        ReplicationController rc = (ReplicationController) object;
        String name = rc.metadata().name();
        if (active.getOrDefault(name, 0) > replicas.get(name)) {
          return false;
        }
        if (running.getOrDefault(name, 0) != (int) replicas.get(name)) {
          return false;
        }
      }
      return true;
    });
  }
}
