package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The node-failure scenario on real containers: three member JVMs on one Docker Engine, each its
 * own node with its own bridge network and pod subnet; kill -9 of the member that hosts the store
 * and the replicas run again, as containers, on the two survivors.
 */
@Tag("integration")
class DockerClusterFailoverTest {
  @Test
  void replicasComeBackAsContainersOnTheSurvivors() throws Exception {
    DockerClient docker = DockerSupport.requireDocker();
    try (TestCluster cluster = TestCluster.start(3, "docker", FailoverScenario.MEMBER_SETTINGS)) {
      FailoverScenario scenario = new FailoverScenario(cluster);
      scenario.awaitNodesReady();
      scenario.createReplicationController(6);
      scenario.awaitReplicas(6, List.of("n1", "n2", "n3"), Duration.ofSeconds(90));
      assertThat(scenario.nodesOfReplicas()).containsOnlyKeys("n1", "n2", "n3");

      Duration failover = scenario.killAndTime(0, List.of("n2", "n3"), Duration.ofSeconds(90));
      System.out.println("failover on Docker (kill -9 of the store's host -> 6 replicas Running): "
          + failover.toMillis() + " ms");
      // Every replica is a running app container on a survivor's node.
      for (var pod : scenario.replicaPods()) {
        String uid = pod.at("/metadata/uid").asText();
        var containers = docker.listContainersCmd().withLabelFilter(Map.of("io.coxswain.pod.uid", uid)).exec();
        assertThat(containers).as(pod.at("/metadata/name").asText()).hasSize(2) // pause + c
            .allMatch(c -> "running".equals(c.getState()))
            .allMatch(c -> !"n1".equals(c.getLabels().get("io.coxswain.node")));
      }
    } finally {
      for (int i = 0; i < 3; i++) {
        DockerSupport.removeNodeContainers(docker, TestCluster.nodeName(i));
      }
      docker.close();
    }
  }
}
