package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ReplicationControllers keep their replicas through scaling, pod loss and adoption, on the real store. */
@Tag("integration")
class ReplicationControllerTest {
  private static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static TestNode node;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"));
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void createRc(String name, int replicas) {
    Http.Reply reply = http.post(RCS, "application/yaml", """
        kind: ReplicationController
        metadata: {name: %s}
        spec:
          replicas: %d
          selector: {app: %s}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: c, image: busybox}]}
        """.formatted(name, replicas, name, name));
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  private static List<JsonNode> pods(String app) {
    List<JsonNode> pods = new ArrayList<>();
    http.get(PODS + "?labelSelector=app%3D" + app).json().get("items").forEach(p -> {
      if (p.at("/metadata/deletionTimestamp").isMissingNode()) {
        pods.add(p);
      }
    });
    return pods;
  }

  private static void awaitRunning(String app, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      List<JsonNode> pods = pods(app);
      return pods.size() == count && pods.stream().allMatch(p -> p.at("/status/phase").asText().equals("Running"));
    });
  }

  @Test
  void keepsReplicasThroughScalingAndPodLoss() {
    createRc("web", 3);
    awaitRunning("web", 3);
    JsonNode rc = http.get(RCS + "/web").json();
    String uid = rc.at("/metadata/uid").asText();
    for (JsonNode pod : pods("web")) {
      assertThat(pod.at("/metadata/name").asText()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
      assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
      assertThat(pod.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> http.get(RCS + "/web").json().at("/status/readyReplicas").asInt() == 3);
    assertThat(http.get(RCS + "/web").json().at("/status/observedGeneration").asLong()).isEqualTo(1);

    assertThat(http.patch(RCS + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}").code())
        .isEqualTo(200);
    awaitRunning("web", 5);

    String victim = pods("web").get(0).at("/metadata/name").asText();
    assertThat(http.delete(PODS + "/" + victim).code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> pods("web").stream()
        .noneMatch(p -> p.at("/metadata/name").asText().equals(victim)) && pods("web").size() == 5);
    awaitRunning("web", 5);

    assertThat(http.patch(RCS + "/web/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":1}}").code())
        .isEqualTo(200);
    awaitRunning("web", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> http.get(RCS + "/web").json().at("/status/replicas").asInt() == 1);
  }

  @Test
  void adoptsMatchingOrphansAndCascadesOnDelete() {
    Http.Reply orphan = http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"stray\","
        + "\"labels\":{\"app\":\"db\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
    assertThat(orphan.code()).isEqualTo(201);
    createRc("db", 2);
    awaitRunning("db", 2);
    String uid = http.get(RCS + "/db").json().at("/metadata/uid").asText();
    assertThat(http.get(PODS + "/stray").json().at("/metadata/ownerReferences/0/uid").asText())
        .as("the matching orphan was adopted and counts as a replica").isEqualTo(uid);

    // What kubectl delete sends: the garbage collector deletes the pods once their owner is gone.
    assertThat(http.delete(RCS + "/db?propagationPolicy=Background").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(PODS + "?labelSelector=app%3Ddb").json().get("items")
        .isEmpty());
  }

  @Test
  void aBareDeleteOfACoreV1ControllerOrphansItsPodsAsKubernetesDoes() {
    createRc("bare", 2);
    awaitRunning("bare", 2);
    assertThat(http.delete(RCS + "/bare").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RCS + "/bare").code() == 404);
    assertThat(pods("bare")).hasSize(2).allMatch(p -> p.at("/metadata/ownerReferences").isMissingNode());
  }

  @Test
  void orphanKeepsThePodsAndForegroundRemovesThemBeforeTheController() {
    createRc("keep", 2);
    awaitRunning("keep", 2);
    assertThat(http.delete(RCS + "/keep?propagationPolicy=Orphan").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RCS + "/keep").code() == 404);
    assertThat(pods("keep")).hasSize(2).allMatch(p -> p.at("/metadata/ownerReferences").isMissingNode());

    createRc("fg", 2);
    awaitRunning("fg", 2);
    Http.Reply marked = http.delete(RCS + "/fg?propagationPolicy=Foreground");
    assertThat(marked.json().at("/metadata/finalizers/0").asText()).isEqualTo("foregroundDeletion");
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(RCS + "/fg").code() == 404);
    assertThat(http.get(PODS + "?labelSelector=app%3Dfg").json().get("items")).as("dependents went first").isEmpty();
  }
}
