package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stock kubectl drives Deployments unchanged (simulated runtime): create, set image, rollout
 * status, history, undo (to the previous and to a given revision), pause and resume, restart,
 * scale, and delete cascading through ReplicaSets to pods; a rollout to an image that cannot be
 * pulled exceeds its deadline and rollout status says so and fails, while the old pods keep
 * running; with Coxswain's auto-rollback annotation the Deployment goes back by itself.
 */
@Tag("integration")
class DeploymentKubectlTest {
  private static final String RS = "/apis/apps/v1/namespaces/default/replicasets";

  private static List<String> imagesOfActiveSets(Http http, String app) {
    List<String> images = new ArrayList<>();
    http.get(RS + "?labelSelector=app%3D" + app).json().get("items").forEach(rs -> {
      if (rs.at("/spec/replicas").asInt() > 0) {
        images.add(rs.at("/spec/template/spec/containers/0/image").asText());
      }
    });
    return images;
  }

  private static void ok(Kubectl.Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  @Test
  void kubectlRollsOutRollsBackPausesRestartsScalesAndDeletes() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      ok(kubectl.run("create", "deployment", "web", "--image=web:1", "--replicas=3", "--port=80"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      Kubectl.Result get = kubectl.run("get", "deployment", "web");
      assertThat(get.out()).containsPattern("web\\s+3/3\\s+3\\s+3");
      assertThat(http.get("/apis/apps/v1/namespaces/default/deployments/web").json().at("/status")
          .has("unavailableReplicas")).as("a zero counter is left out, as Kubernetes' omitempty").isFalse();

      ok(kubectl.run("set", "image", "deployment/web", "web=web:2"));
      ok(kubectl.run("annotate", "deployment/web", "kubernetes.io/change-cause=image 2", "--overwrite"));
      Kubectl.Result status = kubectl.run("rollout", "status", "deployment/web", "--timeout=60s");
      ok(status);
      assertThat(status.out()).contains("successfully rolled out");
      assertThat(imagesOfActiveSets(http, "web")).containsExactly("web:2");
      assertThat(http.get("/apis/apps/v1/namespaces/default/deployments/web").json()
          .at("/spec/template/spec/containers/0/ports/0/containerPort").asInt())
          .as("set image merges the container by name: its ports stay").isEqualTo(80);
      Kubectl.Result history = kubectl.run("rollout", "history", "deployment/web");
      assertThat(history.out()).containsPattern("1\\s+<none>").containsPattern("2\\s+image 2");

      ok(kubectl.run("rollout", "undo", "deployment/web"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      assertThat(imagesOfActiveSets(http, "web")).containsExactly("web:1");
      assertThat(http.get(RS + "?labelSelector=app%3Dweb").json().get("items")).as("the old set reused").hasSize(2);
      for (JsonNode rs : http.get(RS + "?labelSelector=app%3Dweb").json().get("items")) {
        if (rs.at("/spec/template/spec/containers/0/image").asText().equals("web:1")) {
          assertThat(rs.at("/metadata/annotations").get("deployment.kubernetes.io/revision").asText()).isEqualTo("3");
          assertThat(rs.at("/metadata/annotations").get("deployment.kubernetes.io/revision-history").asText())
              .as("the revisions the set had before it came back").isEqualTo("1");
        }
      }
      Kubectl.Result missing = kubectl.run("get", "deployment", "nope");
      assertThat(missing.err()).contains("Error from server (NotFound): deployments.apps \"nope\" not found");
      ok(kubectl.run("rollout", "undo", "deployment/web", "--to-revision=2"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      assertThat(imagesOfActiveSets(http, "web")).containsExactly("web:2");
      assertThat(kubectl.run("rollout", "history", "deployment/web").out()).containsPattern("3\\s+").containsPattern("4\\s+");

      ok(kubectl.run("rollout", "pause", "deployment/web"));
      ok(kubectl.run("set", "image", "deployment/web", "web=web:3"));
      JsonNode paused = http.get("/apis/apps/v1/namespaces/default/deployments/web").json();
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/apis/apps/v1/namespaces/default/deployments/web")
          .json().at("/status/conditions").toString().contains("DeploymentPaused"));
      assertThat(imagesOfActiveSets(http, "web")).as("paused: no rollout").containsExactly("web:2");
      assertThat(paused.at("/spec/paused").asBoolean()).isTrue();
      ok(kubectl.run("rollout", "resume", "deployment/web"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      assertThat(imagesOfActiveSets(http, "web")).containsExactly("web:3");

      ok(kubectl.run("rollout", "restart", "deployment/web"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      JsonNode restarted = http.get(RS + "?labelSelector=app%3Dweb").json();
      assertThat(restarted.toString()).contains("kubectl.kubernetes.io/restartedAt");

      ok(kubectl.run("scale", "deployment/web", "--replicas=5"));
      ok(kubectl.run("rollout", "status", "deployment/web", "--timeout=60s"));
      assertThat(kubectl.run("get", "deployment", "web").out()).containsPattern("web\\s+5/5\\s+5\\s+5");
      JsonNode scale = http.get("/apis/apps/v1/namespaces/default/deployments/web/scale").json();
      assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(5);
      assertThat(scale.at("/status/selector").asText()).isEqualTo("app=web");

      Kubectl.Result rs = kubectl.run("get", "rs");
      assertThat(rs.out()).contains("DESIRED", "CURRENT", "READY");
      ok(kubectl.run("delete", "deployment", "web", "--wait=true", "--timeout=60s"));
      await().atMost(Duration.ofSeconds(60)).until(() -> http.get(RS).json().get("items").isEmpty()
          && http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json().get("items").isEmpty());
    }
  }

  private static final String STUCK = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: NAME
        annotations: ANNOTATIONS
      spec:
        replicas: 3
        progressDeadlineSeconds: 60
        selector: {matchLabels: {app: NAME}}
        template:
          metadata: {labels: {app: NAME}}
          spec: {containers: [{name: c, image: "good:1"}]}
      """;

  @Test
  void aRolloutThatCannotProgressExceedsItsDeadlineAndMayRollItselfBack() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      for (String name : List.of("stuck", "revert")) {
        String annotations = name.equals("revert") ? "{coxswain.io/auto-rollback: \"true\"}" : "{}";
        assertThat(http.post("/apis/apps/v1/namespaces/default/deployments", "application/yaml",
            STUCK.replace("NAME", name).replace("ANNOTATIONS", annotations)).code()).isEqualTo(201);
        ok(kubectl.run("rollout", "status", "deployment/" + name, "--timeout=60s"));
        // The new version's image cannot be pulled (the simulated runtime's pull-error); its deadline
        // is short, the first version's was not (a busy machine must not fail the first rollout).
        assertThat(http.patch("/apis/apps/v1/namespaces/default/deployments/" + name, "application/merge-patch+json",
            "{\"spec\":{\"progressDeadlineSeconds\":4,\"template\":{\"metadata\":{\"annotations\":{\"simulated.coxswain.io/pull-error\":"
                + "\"manifest unknown\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"missing:2\"}]}}}}")
            .code()).isEqualTo(200);
      }
      Kubectl.Result stuck = kubectl.run("rollout", "status", "deployment/stuck", "--timeout=60s");
      assertThat(stuck.exitCode()).as(stuck.all()).isNotZero();
      assertThat(stuck.all()).contains("exceeded its progress deadline");
      JsonNode deployment = http.get("/apis/apps/v1/namespaces/default/deployments/stuck").json();
      assertThat(deployment.at("/status/availableReplicas").asInt()).as("the old pods keep serving")
          .isGreaterThanOrEqualTo(2);
      assertThat(imagesOfActiveSets(http, "stuck")).contains("good:1", "missing:2");

      await().atMost(Duration.ofSeconds(60)).until(() -> imagesOfActiveSets(http, "revert").equals(List.of("good:1")));
      JsonNode reverted = http.get("/apis/apps/v1/namespaces/default/deployments/revert").json();
      assertThat(reverted.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("good:1");
      assertThat(reverted.at("/status/conditions").toString()).contains("AutoRollback", "Rolled back from revision 2");
      ok(kubectl.run("rollout", "status", "deployment/revert", "--timeout=60s"));
      Kubectl.Result events = kubectl.run("get", "events", "--field-selector", "involvedObject.name=revert");
      assertThat(events.out()).contains("RolledBack");
    }
  }

  /**
   * Recreate: the new version starts once the last old pod is gone. The old pods take a few
   * seconds to stop (a preStop sleep), so nothing about the Deployment or its sets changes when
   * they go; the pods' deletion alone must wake the controller, as Kubernetes' deletePod does.
   */
  @Test
  void aRecreateRolloutStartsTheNewVersionOnceTheOldPodsAreGone() throws java.io.IOException {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      String manifest = """
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: rec}
          spec:
            replicas: 2
            STRATEGY
            selector: {matchLabels: {app: rec}}
            template:
              metadata: {labels: {app: rec}}
              spec:
                terminationGracePeriodSeconds: 20
                containers:
                - name: c
                  image: rec:1
                  lifecycle: {preStop: {sleep: {seconds: 3}}}
          """;
      java.nio.file.Path file = java.nio.file.Files.createTempFile("rec-", ".yaml");
      // Applied first with the default strategy, then switched to Recreate by a second apply: kubectl
      // sends $retainKeys for spec.strategy (the served schema says so), so rollingUpdate goes.
      java.nio.file.Files.writeString(file, manifest.replace("STRATEGY", ""));
      ok(kubectl.run("apply", "-f", file.toString()));
      java.nio.file.Files.writeString(file, manifest.replace("STRATEGY", "strategy: {type: Recreate}"));
      ok(kubectl.run("apply", "-f", file.toString()));
      assertThat(http.get("/apis/apps/v1/namespaces/default/deployments/rec").json().at("/spec/strategy").toString())
          .isEqualTo("{\"type\":\"Recreate\"}");
      ok(kubectl.run("rollout", "status", "deployment/rec", "--timeout=60s"));
      ok(kubectl.run("set", "image", "deployment/rec", "c=rec:2"));
      // Well inside the controllers' 5-minute resync: only the pods' deletion can have woken it.
      ok(kubectl.run("rollout", "status", "deployment/rec", "--timeout=45s"));
      assertThat(imagesOfActiveSets(http, "rec")).containsExactly("rec:2");
      Kubectl.Result events = kubectl.run("get", "events", "--field-selector", "involvedObject.name=rec");
      assertThat(events.out()).containsPattern("Scaled down replica set rec-[a-z0-9]+ to 0 from 2")
          .containsPattern("Scaled up replica set rec-[a-z0-9]+ to 2");
    }
  }
}
