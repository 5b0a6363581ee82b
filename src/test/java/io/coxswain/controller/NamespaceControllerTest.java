package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deleting a namespace: the API marks it Terminating and refuses new objects in it; the namespace
 * controller deletes what it holds (running pods stop on their node first), waits for objects held
 * by finalizers, and removes the namespace once it is empty.
 */
@Tag("integration")
class NamespaceControllerTest {
  private static final String SHOP = "/api/v1/namespaces/shop";

  @Test
  void aDeletedNamespaceIsEmptiedThenRemovedAndWaitsForFinalizers() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Http.Reply created = http.post("/api/v1/namespaces", "application/yaml", "metadata: {name: shop}");
      assertThat(created.code()).isEqualTo(201);
      assertThat(created.json().at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
      assertThat(http.post(SHOP + "/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: web}
          spec:
            replicas: 3
            selector: {app: web}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: c, image: busybox}]}
          """).code()).isEqualTo(201);
      assertThat(http.post(SHOP + "/services", "application/yaml", """
          kind: Service
          metadata: {name: held, finalizers: [example.com/hold]}
          spec:
            selector: {app: web}
            ports: [{port: 80}]
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> runningPods(http) == 3);

      Http.Reply deleted = http.delete(SHOP);
      assertThat(deleted.code()).isEqualTo(200);
      assertThat(deleted.json().at("/status/phase").asText()).isEqualTo("Terminating");
      Http.Reply refused = http.post(SHOP + "/pods", "application/yaml", """
          metadata: {name: late}
          spec: {containers: [{name: c, image: busybox}]}
          """);
      assertThat(refused.code()).isEqualTo(403);
      assertThat(refused.json().at("/message").asText()).contains("is being terminated");

      // Everything goes but the service its finalizer holds; the namespace waits for it.
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(SHOP + "/pods").json().at("/items").isEmpty()
          && http.get(SHOP + "/replicationcontrollers").json().at("/items").isEmpty()
          && http.get(SHOP + "/endpoints").json().at("/items").isEmpty());
      assertThat(http.get(SHOP + "/services/held").json().at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
      assertThat(http.get(SHOP).json().at("/status/phase").asText()).isEqualTo("Terminating");
      // The namespace says what holds it, in Kubernetes' words.
      await().atMost(Duration.ofSeconds(30)).until(() -> condition(http, "NamespaceFinalizersRemaining")
          .equals("True: Some content in the namespace has finalizers remaining: example.com/hold in 1 resource "
              + "instances"));
      assertThat(condition(http, "NamespaceContentRemaining"))
          .isEqualTo("True: Some resources are remaining: services has 1 resource instances");
      assertThat(condition(http, "NamespaceDeletionDiscoveryFailure"))
          .isEqualTo("False: All resources successfully discovered");
      // spec.finalizers change only through finalize; a PUT keeps them.
      String ns = http.get(SHOP).json().toString();
      assertThat(http.put(SHOP, "application/json", ns.replace("[\"kubernetes\"]", "[]")).json()
          .at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");

      assertThat(http.patch(SHOP + "/services/held", "application/merge-patch+json",
          "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(SHOP).code() == 404);
      var view = node.node().store().cache().view();
      for (String resource : List.of("pods", "replicationcontrollers", "services", "endpoints", "events")) {
        assertThat(view.list(resource, "shop", null, 0, o -> true).items()).as(resource).isEmpty();
      }
    }
  }

  @Test
  void aFinalizerOfItsOwnHoldsAnEmptyNamespaceUntilFinalizeRemovesIt() {
    try (TestNode node = TestNode.start(Map.of())) {
      Http http = new Http(node.url());
      Http.Reply created = http.post("/api/v1/namespaces", "application/yaml",
          "metadata: {name: vault}\nspec: {finalizers: [example.com/backup]}");
      assertThat(created.json().at("/spec/finalizers").toString())
          .isEqualTo("[\"example.com/backup\",\"kubernetes\"]");
      assertThat(http.delete("/api/v1/namespaces/vault").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/vault").json()
          .at("/spec/finalizers").toString().equals("[\"example.com/backup\"]"));
      assertThat(http.get("/api/v1/namespaces/vault").json().at("/status/phase").asText()).isEqualTo("Terminating");
      String ns = http.get("/api/v1/namespaces/vault").json().toString();
      Http.Reply finalized = http.put("/api/v1/namespaces/vault/finalize", "application/json",
          ns.replace("\"finalizers\":[\"example.com/backup\"]", "\"finalizers\":[]"));
      assertThat(finalized.code()).as(finalized.body()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/vault").code() == 404);
    }
  }

  private static String condition(Http http, String type) {
    for (var c : http.get(SHOP).json().at("/status/conditions")) {
      if (c.at("/type").asText().equals(type)) {
        return c.at("/status").asText() + ": " + c.at("/message").asText();
      }
    }
    return "";
  }

  private static long runningPods(Http http) {
    var items = http.get(SHOP + "/pods").json().at("/items");
    long running = 0;
    for (var pod : items) {
      if ("Running".equals(pod.at("/status/phase").asText())) {
        running++;
      }
    }
    return running;
  }
}
