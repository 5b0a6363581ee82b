package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pods bound to this member run on the simulated runtime: their status follows Kubernetes' rules
 * for phase, container states, restarts under each restartPolicy with CrashLoopBackOff, and
 * graceful deletion — all through the real store and API.
 */
@Tag("integration")
class PodLifecycleTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static TestNode node;
  private static Http http;
  private static String nodeName;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"));
    http = new Http(node.url());
    nodeName = NodeSettings.defaultNodeName();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void create(String name, String restartPolicy, Map<String, String> annotations, String... containers) {
    StringBuilder body = new StringBuilder("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"annotations\":{");
    annotations.forEach((k, v) -> body.append('"').append(k).append("\":\"").append(v).append("\","));
    if (!annotations.isEmpty()) {
      body.setLength(body.length() - 1);
    }
    body.append("}},\"spec\":{\"nodeName\":\"").append(nodeName).append("\",\"restartPolicy\":\"").append(restartPolicy)
        .append("\",\"terminationGracePeriodSeconds\":1,\"containers\":[");
    for (int i = 0; i < containers.length; i++) {
      body.append(i > 0 ? "," : "").append("{\"name\":\"").append(containers[i]).append("\",\"image\":\"busybox\"}");
    }
    body.append("]}}");
    Http.Reply reply = http.post(PODS, "application/json", body.toString());
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  private static JsonNode pod(String name) {
    return http.get(PODS + "/" + name).json();
  }

  @Test
  void aBoundPodRunsAndIsReady() {
    create("runner", "Always", Map.of(), "web", "sidecar");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("runner").at("/status/phase").asText().equals("Running")
        && pod("runner").at("/status/conditions").toString().contains("\"type\":\"Ready\",\"status\":\"True\""));
    JsonNode status = pod("runner").get("status");
    assertThat(status.at("/podIP").asText()).startsWith("10.244.1.");
    assertThat(status.at("/conditions/0/type").asText()).as("the kubelet's first condition")
        .isEqualTo("PodReadyToStartContainers");
    assertThat(status.at("/conditions/0/status").asText()).isEqualTo("True");
    assertThat(status.at("/hostIP").asText()).isEqualTo("127.0.0.1");
    assertThat(status.at("/startTime").asText()).isNotBlank();
    assertThat(status.at("/containerStatuses/0/name").asText()).isEqualTo("web");
    assertThat(status.at("/containerStatuses/0/state/running/startedAt").asText()).isNotBlank();
    assertThat(status.at("/containerStatuses/1/ready").asBoolean()).isTrue();
    assertThat(status.at("/containerStatuses/0/containerID").asText()).startsWith("simulated://");
    assertThat(status.at("/containerStatuses/0/imageID").asText()).as("always set, as Kubernetes sets it")
        .matches("simulated://sha256:[0-9a-f]{64}");
    await().atMost(Duration.ofSeconds(10)).until(() -> reasons("runner").containsAll(
        java.util.List.of("Pulled", "Created", "Started")));
    assertThat(messages("runner")).contains("Started container web", "Started container sidecar");
    // Each container's events name it (involvedObject.fieldPath), so the two Pulled events stay two,
    // and events list in the order they happened (names carry the time, as client-go's recorder).
    JsonNode items = http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Drunner").json()
        .get("items");
    java.util.List<String> pulledFor = new java.util.ArrayList<>();
    java.util.List<String> webReasons = new java.util.ArrayList<>();
    items.forEach(e -> {
      if (e.get("reason").asText().equals("Pulled")) {
        pulledFor.add(e.at("/involvedObject/fieldPath").asText());
      }
      if (e.at("/involvedObject/fieldPath").asText().equals("spec.containers{web}")) {
        webReasons.add(e.get("reason").asText());
      }
    });
    assertThat(pulledFor).containsExactlyInAnyOrder("spec.containers{web}", "spec.containers{sidecar}");
    assertThat(webReasons).containsSubsequence("Pulled", "Created", "Started");
  }

  /** A container whose env names a missing ConfigMap waits with the kubelet's reason and a Failed event. */
  @Test
  void aMissingConfigMapKeepsTheContainerWaitingWithAFailedEvent() {
    Http.Reply reply = http.post(PODS, "application/json", """
        {"kind":"Pod","metadata":{"name":"no-config"},"spec":{"nodeName":"NODE","containers":[{"name":"c",
         "image":"busybox","env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"absent","key":"k"}}}]}]}}"""
        .replace("NODE", nodeName));
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("no-config")
        .at("/status/containerStatuses/0/state/waiting/reason").asText().equals("CreateContainerConfigError"));
    await().atMost(Duration.ofSeconds(10)).until(() -> messages("no-config")
        .contains("Error: configmap \"absent\" not found"));
    assertThat(reasons("no-config")).contains("Failed");
  }

  private static java.util.List<String> events(String pod, String field) {
    java.util.List<String> values = new java.util.ArrayList<>();
    http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D" + pod).json().get("items")
        .forEach(e -> values.add(e.get(field).asText()));
    return values;
  }

  private static java.util.List<String> reasons(String pod) {
    return events(pod, "reason");
  }

  private static java.util.List<String> messages(String pod) {
    return events(pod, "message");
  }

  @Test
  void aCrashingContainerIsRestartedWithBackoffUnderAlways() {
    create("crasher", "Always", Map.of("simulated.coxswain.io/run-for", "200ms",
        "simulated.coxswain.io/exit-code", "2", RestartRules.BACKOFF_ANNOTATION, "200ms,400ms"), "c");
    await().atMost(Duration.ofSeconds(30)).until(() -> pod("crasher").at("/status/containerStatuses/0/restartCount").asInt() >= 3);
    JsonNode status = pod("crasher").at("/status/containerStatuses/0");
    assertThat(status.at("/lastState/terminated/exitCode").asInt()).isEqualTo(2);
    assertThat(status.at("/lastState/terminated/reason").asText()).isEqualTo("Error");
    assertThat(pod("crasher").at("/status/phase").asText()).isEqualTo("Running");
    await().atMost(Duration.ofSeconds(10)).until(() -> reasons("crasher").contains("BackOff"));
    JsonNode backOff = http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dcrasher,"
        + "reason%3DBackOff").json().at("/items/0");
    assertThat(backOff.get("type").asText()).isEqualTo("Warning");
    assertThat(backOff.get("message").asText()).startsWith("Back-off restarting failed container c in pod crasher_default");
  }

  @Test
  void onFailureAndNeverEndThePodAsKubernetesDoes() {
    create("job-ok", "OnFailure", Map.of("simulated.coxswain.io/run-for", "200ms"), "c");
    create("job-failed", "Never", Map.of("simulated.coxswain.io/run-for", "200ms",
        "simulated.coxswain.io/exit-code", "1"), "c");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("job-ok").at("/status/phase").asText().equals("Succeeded"));
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("job-failed").at("/status/phase").asText().equals("Failed"));
    assertThat(pod("job-ok").at("/status/containerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
    assertThat(pod("job-ok").at("/status/containerStatuses/0/restartCount").asInt()).isZero();
    assertThat(pod("job-failed").at("/status/containerStatuses/0/state/terminated/exitCode").asInt()).isEqualTo(1);
    assertThat(pod("job-failed").at("/status/containerStatuses/0/restartCount").asInt()).isZero();
  }

  @Test
  void anImageThatCannotBePulledWaitsWithTheRightReason() {
    create("no-image", "Always", Map.of("simulated.coxswain.io/pull-error", "not found",
        RestartRules.BACKOFF_ANNOTATION, "200ms,400ms"), "c");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("no-image").at("/status/containerStatuses/0/state/waiting/reason")
        .asText().equals("ImagePullBackOff"));
    assertThat(pod("no-image").at("/status/phase").asText()).isEqualTo("Pending");
    assertThat(pod("no-image").at("/status/containerStatuses/0/state/waiting/message").asText()).contains("not found");
    await().atMost(Duration.ofSeconds(10)).until(() -> messages("no-image").contains("Error: ErrImagePull"));
  }

  @Test
  void deletingABoundPodStopsItGracefullyThenRemovesIt() {
    create("doomed", "Always", Map.of(), "c");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("doomed").at("/status/phase").asText().equals("Running"));
    Http.Reply deleted = http.delete(PODS + "/doomed");
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.json().at("/metadata/deletionTimestamp").asText()).as("graceful: marked first").isNotBlank();
    await().atMost(Duration.ofSeconds(20)).until(() -> http.get(PODS + "/doomed").code() == 404);
    await().atMost(Duration.ofSeconds(10)).until(() -> messages("doomed").contains("Stopping container c"));
  }

  private static void createProbed(String name, Map<String, String> annotations, String probes) {
    StringBuilder notes = new StringBuilder();
    annotations.forEach((k, v) -> notes.append(notes.length() == 0 ? "" : ",").append('"').append(k).append("\":\"")
        .append(v).append('"'));
    Http.Reply reply = http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"annotations\":{" + notes + "}},\"spec\":{\"nodeName\":\"" + nodeName + "\",\"containers\":[{"
        + "\"name\":\"c\",\"image\":\"busybox\"," + probes + "}]}}");
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  @Test
  void aReadinessProbeGatesTheReadyCondition() {
    createProbed("slow-start", Map.of("simulated.coxswain.io/ready-after", "2s"),
        "\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":80},\"periodSeconds\":1}");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("slow-start").at("/status/phase").asText().equals("Running"));
    JsonNode early = pod("slow-start").at("/status");
    assertThat(early.at("/containerStatuses/0/ready").asBoolean()).as("running but not yet ready").isFalse();
    assertThat(early.at("/conditions").toString()).contains("\"type\":\"Ready\",\"status\":\"False\"");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("slow-start").at("/status/containerStatuses/0/ready")
        .asBoolean());
    assertThat(pod("slow-start").at("/status/conditions").toString()).contains("\"type\":\"Ready\",\"status\":\"True\"");
    assertThat(messages("slow-start")).anyMatch(m -> m.startsWith("Readiness probe failed: "));
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() {
    createProbed("wedged", Map.of("simulated.coxswain.io/live-for", "1s", RestartRules.BACKOFF_ANNOTATION, "200ms,400ms"),
        "\"livenessProbe\":{\"tcpSocket\":{\"port\":80},\"periodSeconds\":1,\"failureThreshold\":2}");
    await().atMost(Duration.ofSeconds(30)).until(() -> pod("wedged").at("/status/containerStatuses/0/restartCount")
        .asInt() >= 2);
    assertThat(messages("wedged")).anyMatch(m -> m.startsWith("Liveness probe failed: "))
        .contains("Container c failed liveness probe, will be restarted");
    assertThat(pod("wedged").at("/status/containerStatuses/0/lastState/terminated/exitCode").asInt()).isEqualTo(143);
  }
}
