package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Deployment adopts the orphaned ReplicaSets its selector matches; when its new ReplicaSet's name
 * is already taken by a set that is not its new version, it raises status.collisionCount, takes
 * another name and completes, as in Kubernetes.
 */
@Tag("integration")
class DeploymentCollisionTest {
  private static final String RS = "/apis/apps/v1/namespaces/default/replicasets/";

  private static void ok(Kubectl.Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  @Test
  void aTakenNameRaisesTheCollisionCountAndTheRolloutCompletesUnderAnother() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      ok(kubectl.run("create", "deployment", "web", "--image=web:1", "--replicas=2"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      String taken = http.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb").json()
          .at("/items/0/metadata/name").asText();
      // Keep the set, lose its owner, and make it another version under the same name.
      ok(kubectl.run("delete", "deployment", "web", "--cascade=orphan"));
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RS + taken).json()
          .at("/metadata/ownerReferences").isMissingNode());
      ok(kubectl.run("patch", "rs", taken, "--type=json", "-p",
          "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"other:9\"}]"));

      ok(kubectl.run("create", "deployment", "web", "--image=web:1", "--replicas=2"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      JsonNode deployment = http.get("/apis/apps/v1/namespaces/default/deployments/web").json();
      assertThat(deployment.at("/status/collisionCount").asInt()).isEqualTo(1);
      String uid = deployment.at("/metadata/uid").asText();
      JsonNode sets = http.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dweb").json();
      assertThat(sets.get("items")).anySatisfy(rs -> {
        assertThat(rs.at("/metadata/name").asText()).isNotEqualTo(taken);
        assertThat(rs.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
        assertThat(rs.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("web:1");
        assertThat(rs.at("/status/readyReplicas").asInt()).isEqualTo(2);
      });
      // The orphan matches the selector: adopted, as Kubernetes does, as an old version, and scaled down.
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RS + taken).json().at("/spec/replicas").asInt() == 0);
      JsonNode adopted = http.get(RS + taken).json();
      assertThat(adopted.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
      assertThat(adopted.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
      assertThat(adopted.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("other:9");
      assertThat(kubectl.run("get", "events", "--field-selector", "involvedObject.name=web").out())
          .contains("HashCollision");
    }
  }

  @Test
  void aDeploymentMadeAgainAfterAnOrphaningDeleteAdoptsItsReplicaSetAndKeepsItsPods() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      ok(kubectl.run("create", "deployment", "api", "--image=api:1", "--replicas=3"));
      ok(kubectl.run("rollout", "status", "deployment/api", "--timeout=60s"));
      JsonNode sets = http.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dapi").json();
      String rs = sets.at("/items/0/metadata/name").asText();
      java.util.Set<String> pods = podNames(http);
      assertThat(pods).hasSize(3);
      ok(kubectl.run("delete", "deployment", "api", "--cascade=orphan"));
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RS + rs).json()
          .at("/metadata/ownerReferences").isMissingNode());

      ok(kubectl.run("create", "deployment", "api", "--image=api:1", "--replicas=3"));
      ok(kubectl.run("rollout", "status", "deployment/api", "--timeout=60s"));
      String uid = http.get("/apis/apps/v1/namespaces/default/deployments/api").json().at("/metadata/uid").asText();
      await().atMost(Duration.ofSeconds(30)).until(() -> uid.equals(http.get(RS + rs).json()
          .at("/metadata/ownerReferences/0/uid").asText()));
      assertThat(http.get("/apis/apps/v1/namespaces/default/replicasets?labelSelector=app%3Dapi").json()
          .get("items")).as("the same ReplicaSet, no new one").hasSize(1);
      assertThat(podNames(http)).as("the same pods").isEqualTo(pods);
    }
  }

  private static java.util.Set<String> podNames(Http http) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dapi").json().get("items")
        .forEach(p -> names.add(p.at("/metadata/name").asText()));
    return names;
  }
}
