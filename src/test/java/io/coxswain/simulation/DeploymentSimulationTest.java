package io.coxswain.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.KubeObject;
import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.core.Pod;
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
 * A seeded simulation of rollouts on the simulated runtime: 200 nodes, 20 Deployments of 2 to 10
 * replicas with random maxSurge and maxUnavailable. Two rounds of rollouts, all Deployments at
 * once. In the first, nodes die and return while they roll: the ReplicaSets never ask for more
 * than replicas + maxSurge pods, and every rollout converges (all replicas of the new image,
 * Running on live nodes, no old ReplicaSet with replicas). In the second, with no node failing,
 * also at least replicas - maxUnavailable pods stay available throughout (node deaths take
 * availability away whatever a controller does, so that bound is checked without them). The seed
 * is printed; rerun with -Dsimulation.seed=N for the same choices.
 */
@Tag("integration")
class DeploymentSimulationTest {
  private static final int NODES = 200;
  private static final int DEPLOYMENTS = 20;

  private record Shape(int replicas, int maxSurge, int maxUnavailable) {}

  @Test
  void rolloutsConvergeWithinTheirBoundsWhileNodesDieAndReturn() throws Exception {
    long seed = Long.getLong("simulation.seed", System.nanoTime());
    System.out.println("DeploymentSimulationTest seed=" + seed + " (rerun with -Dsimulation.seed=" + seed + ")");
    Random random = new Random(seed);
    try (TestNode node = TestNode.start(Map.of(
        "coxswain.node.heartbeat-interval", "1s",
        "coxswain.controllers.node-monitor-period", "250ms",
        "coxswain.controllers.node-monitor-grace-period", "4s",
        "coxswain.controllers.pod-eviction-timeout", "1s"))) {
      var store = node.node().store();
      ActorTestKit kit = ActorTestKit.create(node.node().system());
      ActorRef<SimulatedNodes.Command> nodes = kit.spawn(
          SimulatedNodes.create(store.cache(), node.node().client(), SimulatedNodes.fastSettings(), Clock.systemUTC()),
          "simulated-nodes");
      Map<String, SimulatedRuntime> runtimes = SimulatedNodes.startAll(nodes, NODES, seed);
      await().atMost(Duration.ofSeconds(60)).until(() -> store.cache().view().count("nodes") == NODES + 1);
      // The member's own node stays out of it: only simulated nodes run the pods, and they are what dies.
      Http http = new Http(node.url());
      for (KubeObject member : store.cache().view().list("nodes", null, null, 0,
          o -> !o.metadata().name().startsWith("sim-")).items()) {
        assertThat(http.patch("/api/v1/nodes/" + member.metadata().name(), "application/merge-patch+json",
            "{\"spec\":{\"unschedulable\":true}}").code()).isEqualTo(200);
      }

      Map<String, Shape> shapes = new HashMap<>();
      for (int d = 0; d < DEPLOYMENTS; d++) {
        int replicas = 2 + random.nextInt(9);
        int surge = random.nextInt(3);
        int unavailable = surge == 0 ? 1 + random.nextInt(2) : random.nextInt(3);
        shapes.put("dep-" + d, new Shape(replicas, surge, unavailable));
        assertThat(http.post("/apis/apps/v1/namespaces/default/deployments", "application/yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dep-%d}
            spec:
              replicas: %d
              strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: %d, maxUnavailable: %d}}
              selector: {matchLabels: {app: dep-%d}}
              template:
                metadata: {labels: {app: dep-%d}}
                spec: {containers: [{name: c, image: "app:1"}]}
            """.formatted(d, replicas, surge, unavailable, d, d)).code()).isEqualTo(201);
      }
      awaitConverged(store, shapes, "app:1", Set.of());

      // Round 1: every Deployment rolls while nodes die and return.
      setImage(http, shapes, "app:2");
      Set<String> dead = new HashSet<>();
      List<String> violations = new ArrayList<>();
      for (int step = 0; step < 8; step++) {
        if (!dead.isEmpty() && random.nextInt(3) == 0) {
          String back = new ArrayList<>(dead).get(random.nextInt(dead.size()));
          dead.remove(back);
          nodes.tell(new SimulatedNodes.Start(back, runtimes.get(back)));
        } else {
          String victim = liveNodeWithPods(store.cache().view(), dead, random);
          dead.add(victim);
          nodes.tell(new SimulatedNodes.Kill(victim));
        }
        long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < until) {
          checkBounds(store.cache().view(), shapes, false, violations);
        }
      }
      awaitConverged(store, shapes, "app:2", dead);
      assertThat(violations).as("bounds while nodes die").isEmpty();

      // Round 2: every Deployment rolls again, no node failing: availability holds too.
      setImage(http, shapes, "app:3");
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < until && !converged(store.cache().view(), shapes, "app:3", dead)) {
        checkBounds(store.cache().view(), shapes, true, violations);
      }
      awaitConverged(store, shapes, "app:3", dead);
      assertThat(violations).as("bounds and availability with no failure").isEmpty();
    }
  }

  private static void setImage(Http http, Map<String, Shape> shapes, String image) {
    for (String name : shapes.keySet()) {
      assertThat(http.patch("/apis/apps/v1/namespaces/default/deployments/" + name,
          "application/strategic-merge-patch+json",
          "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"" + image + "\"}]}}}}")
          .code()).isEqualTo(200);
    }
  }

  private static String liveNodeWithPods(CacheView view, Set<String> dead, Random random) {
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

  /** What the ReplicaSets of each Deployment ask for, and (when asked) how many pods are available. */
  private static void checkBounds(CacheView view, Map<String, Shape> shapes, boolean availability,
      List<String> violations) {
    Map<String, Integer> asked = new HashMap<>();
    Map<String, Integer> available = new HashMap<>();
    for (KubeObject object : view.list("replicasets", "default", null, 0, o -> true).items()) {
      ReplicaSet rs = (ReplicaSet) object;
      String app = rs.spec().template().metadata().labelsOrEmpty().get("app");
      asked.merge(app, rs.spec().replicas(), Integer::sum);
      available.merge(app, rs.statusOrEmpty().availableOrZero(), Integer::sum);
    }
    shapes.forEach((name, shape) -> {
      int a = asked.getOrDefault(name, 0);
      if (a > shape.replicas() + shape.maxSurge() && violations.size() < 20) {
        violations.add(name + " " + shape + ": replica sets ask for " + a);
      }
      int up = available.getOrDefault(name, 0);
      if (availability && up < shape.replicas() - shape.maxUnavailable() && violations.size() < 20) {
        violations.add(name + " " + shape + ": " + up + " available");
      }
    });
  }

  private static void awaitConverged(io.coxswain.store.StoreClient store, Map<String, Shape> shapes, String image,
      Set<String> dead) {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(() -> converged(store.cache().view(), shapes, image, dead));
  }

  /** Every Deployment complete on {@code image}: its replicas Running on live nodes, nothing else. */
  private static boolean converged(CacheView view, Map<String, Shape> shapes, String image, Set<String> dead) {
    Map<String, Integer> running = new HashMap<>();
    Map<String, Integer> active = new HashMap<>();
    for (KubeObject object : view.list("pods", "default", null, 0, o -> true).items()) {
      Pod pod = (Pod) object;
      String app = pod.metadata().labelsOrEmpty().get("app");
      if (pod.metadata().deletionTimestamp() != null || app == null) {
        continue;
      }
      active.merge(app, 1, Integer::sum);
      if ("Running".equals(pod.statusOrEmpty().phase()) && !dead.contains(pod.spec().nodeName())
          && image.equals(pod.spec().containers().get(0).image())) {
        running.merge(app, 1, Integer::sum);
      }
    }
    for (KubeObject object : view.list("deployments", "default", null, 0, o -> true).items()) {
      Deployment d = (Deployment) object;
      String name = d.metadata().name();
      int replicas = shapes.get(name).replicas();
      if (active.getOrDefault(name, 0) != replicas || running.getOrDefault(name, 0) != replicas
          || d.statusOrEmpty().updatedReplicas() == null || d.statusOrEmpty().updatedReplicas() != replicas
          || d.statusOrEmpty().availableReplicas() == null || d.statusOrEmpty().availableReplicas() != replicas) {
        return false;
      }
    }
    return true;
  }
}
