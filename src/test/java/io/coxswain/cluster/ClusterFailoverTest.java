package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three member JVMs on loopback sharing a PostgreSQL journal, pods on the simulated runtime:
 * an RC of 6 replicas spreads over the three nodes; kill -9 of the member that hosts the store
 * singleton brings all 6 back Running on the two survivors, with no acknowledged write lost.
 */
@Tag("integration")
class ClusterFailoverTest {
  @Test
  void killingTheStoreHostBringsTheReplicasBackOnTheSurvivors() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, "simulated", FailoverScenario.MEMBER_SETTINGS)) {
      FailoverScenario scenario = new FailoverScenario(cluster);
      scenario.awaitNodesReady();
      Kubectl kubectl = new Kubectl(cluster.member(1).url());
      Kubectl.Result nodes = kubectl.run("get", "nodes");
      assertThat(nodes.out()).contains("n1", "n2", "n3").doesNotContain("NotReady");

      scenario.createReplicationController(6);
      scenario.awaitReplicas(6, List.of("n1", "n2", "n3"), Duration.ofSeconds(60));
      assertThat(scenario.nodesOfReplicas()).containsOnlyKeys("n1", "n2", "n3");
      List<String> acknowledged = scenario.writeMarkers(25);

      // Member 0 is the oldest: it hosts the store, scheduler and controllers.
      Duration failover = scenario.killAndTime(0, List.of("n2", "n3"), Duration.ofSeconds(60));
      System.out.println("failover (kill -9 of the store's host -> 6 replicas Running on the survivors): "
          + failover.toMillis() + " ms");

      Http survivor = new Http(cluster.member(1).url());
      for (String name : acknowledged) {
        assertThat(survivor.get("/api/v1/namespaces/" + name).code()).as(name).isEqualTo(200);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "nodes").out()
          .matches("(?s).*n1\\s+NotReady.*"));
      Kubectl.Result scaled = kubectl.run("scale", "rc", "web", "--replicas=4");
      assertThat(scaled.exitCode()).as(scaled.all()).isZero();
      scenario.awaitReplicas(4, List.of("n2", "n3"), Duration.ofSeconds(30));
      Kubectl.Result deleted = kubectl.run("delete", "rc", "web", "--wait=true", "--timeout=60s");
      assertThat(deleted.exitCode()).as(deleted.all()).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> scenario.replicaPods().isEmpty());
    }
  }
}
