package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three member JVMs sharing a PostgreSQL journal, pods on the simulated runtime, each new pod ready
 * three seconds after it starts: a Deployment of 6 (maxSurge 2, maxUnavailable 1) rolls to a new
 * image, and halfway the member hosting the controllers (the oldest, with the store) is killed
 * with -9. The rollout completes through the survivors, and at every sample before and after the
 * kill the ReplicaSets ask for at most replicas + maxSurge pods and at least replicas -
 * maxUnavailable are available. The pods run on the two other nodes (the first is cordoned), so
 * the kill takes no pod with it.
 */
@Tag("integration")
class DeploymentFailoverTest {
  private static final int REPLICAS = 6;
  private static final int MAX_SURGE = 2;
  private static final int MAX_UNAVAILABLE = 1;
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

  @Test
  void aRolloutCompletesAfterTheControllersMemberIsKilledHalfway() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, "simulated", FailoverScenario.MEMBER_SETTINGS)) {
      new FailoverScenario(cluster).awaitNodesReady();
      Http first = new Http(cluster.member(0).url());
      Http survivor = new Http(cluster.member(1).url());
      assertThat(first.patch("/api/v1/nodes/" + TestCluster.nodeName(0), "application/merge-patch+json",
          "{\"spec\":{\"unschedulable\":true}}").code()).isEqualTo(200);
      assertThat(first.post(DEPLOYMENTS, "application/yaml", deployment("web:1")).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).until(() -> complete(first, "web:1"));

      assertThat(first.patch(DEPLOYMENTS + "/web", "application/strategic-merge-patch+json",
          "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"web:2\"}]}}}}").code())
          .isEqualTo(200);
      List<String> violations = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (updated(first) < 1 && System.nanoTime() < deadline) {
        check(first, violations);
      }
      assertThat(complete(first, "web:2")).as("halfway: begun, not done").isFalse();
      cluster.kill9(0);
      long killedAt = System.nanoTime();
      deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      boolean done = false;
      while (!done && System.nanoTime() < deadline) {
        try {
          check(survivor, violations);
          done = complete(survivor, "web:2");
        } catch (RuntimeException unavailable) {
          // the survivors are taking over the store; ask again
        }
      }
      System.out.printf("deployment rollout: member with the controllers killed halfway; complete %d ms later%n",
          (System.nanoTime() - killedAt) / 1_000_000);
      assertThat(done).as("the rollout completes after the failover").isTrue();
      assertThat(violations).isEmpty();
    }
  }

  private static String deployment(String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: %d
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: %d, maxUnavailable: %d}}
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web}
              annotations: {simulated.coxswain.io/ready-after: 3s}
            spec:
              containers:
              - name: c
                image: %s
                readinessProbe: {exec: {command: [ready]}, periodSeconds: 1}
        """.formatted(REPLICAS, MAX_SURGE, MAX_UNAVAILABLE, image);
  }

  private static int updated(Http http) {
    return http.get(DEPLOYMENTS + "/web").json().at("/status/updatedReplicas").asInt();
  }

  /** Every replica updated to {@code image} and available, and no old pod left. */
  private static boolean complete(Http http, String image) {
    JsonNode d = http.get(DEPLOYMENTS + "/web").json();
    JsonNode status = d.path("status");
    return d.at("/spec/template/spec/containers/0/image").asText().equals(image)
        && status.path("observedGeneration").asLong() >= d.at("/metadata/generation").asLong()
        && status.path("updatedReplicas").asInt() == REPLICAS && status.path("replicas").asInt() == REPLICAS
        && status.path("availableReplicas").asInt() == REPLICAS;
  }

  /** The rollout's bounds on the ReplicaSets as stored now. */
  private static void check(Http http, List<String> violations) {
    Http.Reply reply = http.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb");
    if (reply.code() != 200) {
      throw new IllegalStateException("HTTP " + reply.code());
    }
    int asked = 0;
    int available = 0;
    for (JsonNode rs : reply.json().get("items")) {
      asked += rs.at("/spec/replicas").asInt();
      available += rs.at("/status/availableReplicas").asInt();
    }
    if (asked > REPLICAS + MAX_SURGE) {
      violations.add("replica sets ask for " + asked + " pods");
    }
    if (available < REPLICAS - MAX_UNAVAILABLE) {
      violations.add("only " + available + " available");
    }
  }
}
