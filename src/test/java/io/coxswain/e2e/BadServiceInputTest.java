package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Services that cannot work as written: a 422 naming the field where Kubernetes refuses them, and
 * where it accepts them, empty Endpoints (with an event saying why when a named targetPort matches
 * no container port); the server keeps serving either way.
 */
@Tag("integration")
class BadServiceInputTest {
  private static final String SERVICES = "/api/v1/namespaces/default/services";
  private static final String JSON = "application/json";
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

  private static JsonNode causeOf(Http.Reply reply) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(422);
    return reply.json().at("/details/causes/0");
  }

  @Test
  void aNodePortTakenByAnotherServiceIs422OnThatPort() {
    assertThat(http.post(SERVICES, JSON, """
        {"metadata":{"name":"first"},"spec":{"type":"NodePort","selector":{"app":"a"},
         "ports":[{"port":80,"nodePort":30080}]}}""").code()).isEqualTo(201);
    JsonNode cause = causeOf(http.post(SERVICES, JSON, """
        {"metadata":{"name":"second"},"spec":{"type":"NodePort","selector":{"app":"a"},
         "ports":[{"port":81,"nodePort":30080}]}}"""));
    assertThat(cause.get("field").asText()).isEqualTo("spec.ports[0].nodePort");
    assertThat(cause.get("message").asText()).contains("provided port is already allocated");
    assertThat(http.get(SERVICES + "/second").code()).isEqualTo(404);
  }

  /**
   * A dry run, a create refused as a duplicate and a delete leave what they asked for free at
   * once, as in Kubernetes: the same clusterIP and nodePort are taken by the next real create.
   */
  @Test
  void dryRunsRefusalsAndDeletesHoldNoAddressOrPort() {
    String manifest = """
        {"metadata":{"name":"fixed"},"spec":{"type":"NodePort","clusterIP":"10.96.77.7","selector":{"app":"a"},
         "ports":[{"port":80,"nodePort":31777}]}}""";
    assertThat(http.post(SERVICES + "?dryRun=All", JSON, manifest).code()).isEqualTo(201);
    assertThat(http.get(SERVICES + "/fixed").code()).isEqualTo(404);
    assertThat(http.post(SERVICES, JSON, manifest).code()).isEqualTo(201);
    String otherValues = manifest.replace("10.96.77.7", "10.96.77.8").replace("31777", "31778");
    assertThat(http.post(SERVICES, JSON, otherValues).code()).as("the name is taken").isEqualTo(409);
    Http.Reply other = http.post(SERVICES, JSON, otherValues.replace("\"fixed\"", "\"other\""));
    assertThat(other.code()).as(other.body()).isEqualTo(201);
    assertThat(http.delete(SERVICES + "/other").code()).isEqualTo(200);
    assertThat(http.delete(SERVICES + "/fixed").code()).isEqualTo(200);
    Http.Reply again = http.post(SERVICES, JSON, manifest);
    assertThat(again.code()).as(again.body()).isEqualTo(201);
    assertThat(again.json().at("/spec/clusterIP").asText()).isEqualTo("10.96.77.7");
    assertThat(again.json().at("/spec/ports/0/nodePort").asInt()).isEqualTo(31777);
    assertThat(http.delete(SERVICES + "/fixed").code()).isEqualTo(200);
  }

  /** kubectl patch of the type alone: what only the old type had goes, and a new type gets what it needs. */
  @Test
  void changingTheTypeByPatchClearsAndAllocatesAsKubernetesDoes() {
    String merge = "application/merge-patch+json";
    assertThat(http.post(SERVICES, JSON, """
        {"metadata":{"name":"shifty"},"spec":{"type":"NodePort","selector":{"app":"a"},"ports":[{"port":80}]}}""")
        .code()).isEqualTo(201);
    Http.Reply clusterIp = http.patch(SERVICES + "/shifty", merge, "{\"spec\":{\"type\":\"ClusterIP\"}}");
    assertThat(clusterIp.code()).as(clusterIp.body()).isEqualTo(200);
    assertThat(clusterIp.json().at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
    assertThat(clusterIp.json().at("/spec/externalTrafficPolicy").isMissingNode()).isTrue();
    assertThat(clusterIp.json().at("/status/conditions").isMissingNode()).as("empty lists are left out").isTrue();
    Http.Reply external = http.patch(SERVICES + "/shifty", merge,
        "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com.\"}}");
    assertThat(external.code()).as(external.body()).isEqualTo(200);
    assertThat(external.json().at("/spec/clusterIP").isMissingNode()).isTrue();
    assertThat(external.json().at("/spec/ipFamilies").isMissingNode()).isTrue();
    Http.Reply back = http.patch(SERVICES + "/shifty", merge,
        "{\"spec\":{\"type\":\"ClusterIP\",\"externalName\":null}}");
    assertThat(back.code()).as(back.body()).isEqualTo(200);
    assertThat(back.json().at("/spec/clusterIP").asText()).startsWith("10.96.");
    assertThat(back.json().at("/spec/clusterIPs/0").asText()).isEqualTo(back.json().at("/spec/clusterIP").asText());
    assertThat(back.json().at("/spec/ipFamilies/0").asText()).isEqualTo("IPv4");
    Http.Reply moved = http.patch(SERVICES + "/shifty", merge, "{\"spec\":{\"clusterIP\":\"10.96.9.9\"}}");
    assertThat(causeOf(moved).get("field").asText()).isEqualTo("spec.clusterIPs[0]");
    assertThat(http.delete(SERVICES + "/shifty").code()).isEqualTo(200);
  }

  /** Fields Kubernetes refuses on a Service, each on its own field, nothing stored. */
  @Test
  void invalidServiceFieldsAre422OnTheirField() {
    String[][] cases = {
        {"\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]", "spec.ports[0].nodePort"},
        {"\"type\":\"NodePort\",\"ports\":[{\"name\":\"a\",\"port\":80,\"nodePort\":30200},"
            + "{\"name\":\"b\",\"port\":81,\"nodePort\":30200}]", "spec.ports[1].nodePort"},
        {"\"clusterIP\":\"10.96.5.5\",\"clusterIPs\":[\"10.96.5.6\"],\"ports\":[{\"port\":80}]",
            "spec.clusterIPs"},
        {"\"type\":\"NodePort\",\"clusterIP\":\"None\",\"ports\":[{\"port\":80}]", "spec.clusterIPs[0]"},
        {"\"ipFamilyPolicy\":\"Bogus\",\"ports\":[{\"port\":80}]", "spec.ipFamilyPolicy"},
        {"\"ipFamilies\":[\"IPv4\",\"IPv4\"],\"ports\":[{\"port\":80}]", "spec.ipFamilies[1]"},
        {"\"sessionAffinity\":\"ClientIP\",\"sessionAffinityConfig\":{\"clientIP\":{\"timeoutSeconds\":0}},"
            + "\"ports\":[{\"port\":80}]", "spec.sessionAffinityConfig.clientIP.timeoutSeconds"},
        {"\"externalTrafficPolicy\":\"Local\",\"ports\":[{\"port\":80}]", "spec.externalTrafficPolicy"},
        {"\"ports\":[{\"port\":80,\"appProtocol\":\"bad proto\"}]", "spec.ports[0].appProtocol"},
        {"\"loadBalancerSourceRanges\":[\"10.0.0.0/8\"],\"ports\":[{\"port\":80}]",
            "spec.loadBalancerSourceRanges"},
        {"\"type\":\"ExternalName\",\"externalName\":\"a.example\",\"ipFamilyPolicy\":\"SingleStack\"",
            "spec.ipFamilyPolicy"},
    };
    for (String[] bad : cases) {
      Http.Reply reply = http.post(SERVICES, JSON, "{\"metadata\":{\"name\":\"bad\"},\"spec\":{" + bad[0] + "}}");
      assertThat(reply.code()).as(bad[0] + " -> " + reply.body()).isEqualTo(422);
      assertThat(reply.json().at("/details/causes").findValuesAsText("field")).as(reply.body()).contains(bad[1]);
      assertThat(http.get(SERVICES + "/bad").code()).isEqualTo(404);
    }
    Http.Reply affinity = http.post(SERVICES + "?dryRun=All", JSON, """
        {"metadata":{"name":"sticky"},"spec":{"sessionAffinity":"ClientIP","ports":[{"port":80}]}}""");
    assertThat(affinity.json().at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(10_800);
    // No affinity, no affinity config (SetDefaults_Service): a manifest that turns ClientIP off applies.
    Http.Reply none = http.post(SERVICES + "?dryRun=All", JSON, """
        {"metadata":{"name":"loose"},"spec":{"sessionAffinity":"None","sessionAffinityConfig":{"clientIP":
         {"timeoutSeconds":10}},"ports":[{"port":80}]}}""");
    assertThat(none.code()).as(none.body()).isEqualTo(201);
    assertThat(none.json().at("/spec/sessionAffinityConfig").isMissingNode()).isTrue();
    // A ClusterIP Service with externalIPs is reachable from outside: it has a traffic policy.
    Http.Reply external = http.post(SERVICES + "?dryRun=All", JSON, """
        {"metadata":{"name":"outside"},"spec":{"externalIPs":["192.0.2.10"],"ports":[{"port":80}]}}""");
    assertThat(external.json().at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
    // A LoadBalancer with the Local policy gets a health-check node port.
    Http.Reply local = http.post(SERVICES + "?dryRun=All", JSON, """
        {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","externalTrafficPolicy":"Local",
         "ports":[{"port":80}]}}""");
    assertThat(local.json().at("/spec/healthCheckNodePort").asInt()).isBetween(30000, 32767)
        .isNotEqualTo(local.json().at("/spec/ports/0/nodePort").asInt());
    assertThat(local.json().at("/metadata").has("generation")).as("Services have no generation").isFalse();
  }

  @Test
  void aClusterIpOutsideTheServiceRangeIs422() {
    JsonNode cause = causeOf(http.post(SERVICES, JSON, """
        {"metadata":{"name":"elsewhere"},"spec":{"clusterIP":"192.168.7.7","selector":{"app":"a"},
         "ports":[{"port":80}]}}"""));
    assertThat(cause.get("field").asText()).isEqualTo("spec.clusterIPs");
    assertThat(cause.get("message").asText()).contains("not in the valid range");
    assertThat(http.get(SERVICES + "/elsewhere").code()).isEqualTo(404);
  }

  @Test
  void aNamedTargetPortNoPodHasLeavesTheEndpointsEmptyWithAnEvent() {
    assertThat(http.post("/api/v1/namespaces/default/pods", JSON, """
        {"metadata":{"name":"portless","labels":{"app":"portless"}},
         "spec":{"containers":[{"name":"c","image":"busybox:1","ports":[{"name":"web","containerPort":8080}]}]}}""")
        .code()).isEqualTo(201);
    assertThat(http.post(SERVICES, JSON, """
        {"metadata":{"name":"portless"},"spec":{"selector":{"app":"portless"},
         "ports":[{"port":80,"targetPort":"http"}]}}""").code()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get(
        "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dportless,reason%3DFailedToResolveTargetPort")
        .json().get("items").size() > 0);
    JsonNode event = http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dportless,"
        + "reason%3DFailedToResolveTargetPort").json().at("/items/0");
    assertThat(event.get("type").asText()).isEqualTo("Warning");
    assertThat(event.at("/involvedObject/kind").asText()).isEqualTo("Service");
    assertThat(event.get("message").asText()).isEqualTo("pod \"portless\" has no container port named \"http\"");
    JsonNode endpoints = http.get("/api/v1/namespaces/default/endpoints/portless").json();
    assertThat(endpoints.path("subsets").size()).isZero();
  }

  @Test
  void aSelectorThatMatchesNothingHasEmptyEndpoints() {
    assertThat(http.post(SERVICES, JSON, """
        {"metadata":{"name":"lonely"},"spec":{"selector":{"app":"nobody-has-this"},"ports":[{"port":80}]}}""")
        .code()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/default/endpoints/lonely")
        .code() == 200);
    assertThat(http.get("/api/v1/namespaces/default/endpoints/lonely").json().path("subsets").size()).isZero();
    assertThat(http.get("/healthz").code()).isEqualTo(200);
  }
}
