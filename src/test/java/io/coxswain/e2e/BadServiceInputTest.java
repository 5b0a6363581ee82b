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
