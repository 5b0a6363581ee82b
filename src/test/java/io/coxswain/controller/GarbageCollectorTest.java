package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.store.ChangeType;
import io.coxswain.store.WatchCache;
import io.coxswain.store.WatchEvent;
import io.coxswain.store.WatchRequest;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The garbage collector on a three-level chain of real kinds, on one member: a Service owns a
 * ReplicationController (an owner reference with blockOwnerDeletion, as any client may set), which
 * controls its pods. Each propagation policy is deleted from the top, with Kubernetes' outcome.
 */
@Tag("integration")
class GarbageCollectorTest {
  private static final String NS = "/api/v1/namespaces/default";
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

  /** Service {@code name} -> RC {@code name} -> {@code replicas} Running pods labelled app=name. */
  private static void chain(String name, int replicas) {
    Http.Reply top = http.post(NS + "/services", "application/json", """
        {"kind":"Service","apiVersion":"v1","metadata":{"name":"%s"},"spec":{"ports":[{"port":80}]}}"""
        .formatted(name));
    assertThat(top.code()).as(top.body()).isEqualTo(201);
    String uid = top.json().at("/metadata/uid").asText();
    Http.Reply mid = http.post(NS + "/replicationcontrollers", "application/yaml", """
        kind: ReplicationController
        metadata:
          name: %s
          ownerReferences: [{apiVersion: v1, kind: Service, name: %s, uid: %s, blockOwnerDeletion: true}]
        spec:
          replicas: %d
          selector: {app: %s}
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: c, image: busybox}]}
        """.formatted(name, name, uid, replicas, name, name));
    assertThat(mid.code()).as(mid.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> pods(name) == replicas);
  }

  private static int pods(String app) {
    return http.get(NS + "/pods?labelSelector=app%3D" + app).json().get("items").size();
  }

  private static int code(String path) {
    return http.get(NS + path).code();
  }

  @Test
  void backgroundRemovesTheOwnerAtOnceAndCollectsTheChainAfter() {
    chain("bg", 2);
    assertThat(http.delete(NS + "/services/bg?propagationPolicy=Background").code()).isEqualTo(200);
    assertThat(code("/services/bg")).as("removed at once").isEqualTo(404);
    await().atMost(Duration.ofSeconds(30)).until(() -> code("/replicationcontrollers/bg") == 404 && pods("bg") == 0);
  }

  @Test
  void foregroundRemovesTheChainBottomUpBeforeTheOwner() {
    chain("fg", 3);
    WatchCache cache = node.node().store().cache();
    long from = cache.view().revision();
    ConcurrentLinkedQueue<WatchEvent> deletions = new ConcurrentLinkedQueue<>();
    for (String resource : List.of("pods", "replicationcontrollers", "services")) {
      cache.watch(new WatchRequest(resource, "default", o -> true, from, false))
          .filter(e -> e.type() == ChangeType.DELETED)
          .runWith(Sink.foreach(deletions::add), node.node().system());
    }
    Http.Reply marked = http.delete(NS + "/services/fg?propagationPolicy=Foreground");
    assertThat(marked.code()).isEqualTo(200);
    assertThat(marked.json().at("/metadata/finalizers/0").asText()).isEqualTo("foregroundDeletion");
    await().atMost(Duration.ofSeconds(30)).until(() -> code("/services/fg") == 404);
    assertThat(pods("fg")).isZero();
    assertThat(code("/replicationcontrollers/fg")).isEqualTo(404);

    List<String> order = deletions.stream().sorted(java.util.Comparator.comparingLong(WatchEvent::revision))
        .map(e -> e.object().kind()).toList();
    assertThat(order).as("every pod, then the RC, then the Service")
        .containsExactly("Pod", "Pod", "Pod", "ReplicationController", "Service");
  }

  @Test
  void aForegroundOwnerWaitsForADependentHeldByAFinalizer() {
    chain("held", 2);
    String hold = "test.coxswain.io/hold";
    assertThat(http.patch(NS + "/replicationcontrollers/held", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"" + hold + "\"]}}").code()).isEqualTo(200);
    assertThat(http.delete(NS + "/services/held?propagationPolicy=Foreground").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> pods("held") == 0
        && http.get(NS + "/replicationcontrollers/held").json().at("/metadata/finalizers").toString()
            .equals("[\"" + hold + "\"]"));
    assertThat(code("/services/held")).as("still waiting for the RC").isEqualTo(200);
    assertThat(http.patch(NS + "/replicationcontrollers/held", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> code("/services/held") == 404);
    assertThat(code("/replicationcontrollers/held")).isEqualTo(404);
  }

  @Test
  void orphanReleasesTheMiddleAndKeepsEverythingBelow() {
    chain("or", 2);
    assertThat(http.delete(NS + "/services/or?propagationPolicy=Orphan").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> code("/services/or") == 404);
    Http.Reply rc = http.get(NS + "/replicationcontrollers/or");
    assertThat(rc.code()).isEqualTo(200);
    assertThat(rc.json().at("/metadata/ownerReferences").isMissingNode()).as(rc.body()).isTrue();
    assertThat(pods("or")).isEqualTo(2);
    http.get(NS + "/pods?labelSelector=app%3Dor").json().get("items").forEach(pod ->
        assertThat(pod.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(rc.json().at("/metadata/uid").asText()));
  }

  @Test
  void anObjectCreatedWithAGoneOwnerIsCollected() {
    Http.Reply pod = http.post(NS + "/pods", "application/json", """
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"dangling","ownerReferences":[{"apiVersion":"v1",
        "kind":"ReplicationController","name":"never-was","uid":"00000000-0000-0000-0000-000000000000"}]},
        "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
    assertThat(pod.code()).as(pod.body()).isEqualTo(201);
    Http.Reply kept = http.post(NS + "/pods", "application/json", """
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"unknown-kind","ownerReferences":[{"apiVersion":"example.com/v1",
        "kind":"Widget","name":"w","uid":"00000000-0000-0000-0000-000000000001"}]},
        "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
    assertThat(kept.code()).as(kept.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> code("/pods/dangling") == 404);
    assertThat(code("/pods/unknown-kind")).as("an owner of a kind not served here is never taken for gone")
        .isEqualTo(200);
  }
}
