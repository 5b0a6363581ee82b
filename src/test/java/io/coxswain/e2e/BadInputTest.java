package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets the right 4xx Status, and the store is left exactly as it was. */
@Tag("integration")
class BadInputTest {
  private static TestNode node;
  private static Http http;
  private long revisionBefore;

  @BeforeAll
  static void start() {
    // No heartbeat during the tests: each checks that the revision did not move.
    node = TestNode.start(java.util.Map.of("coxswain.node.heartbeat-interval", "1h",
        "coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false));
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static long revision() {
    return http.get("/api/v1/namespaces").json().at("/metadata/resourceVersion").asLong();
  }

  @BeforeEach
  void rememberRevision() {
    revisionBefore = revision();
  }

  @AfterEach
  void storeUnchanged() {
    assertThat(revision()).as("nothing was written").isEqualTo(revisionBefore);
    assertThat(http.get("/api/v1/pods").json().get("items")).isEmpty();
  }

  private static JsonNode expectStatus(Http.Reply reply, int code, String reason) {
    assertThat(reply.code()).as(reply.body()).isEqualTo(code);
    JsonNode status = reply.json();
    assertThat(status.get("kind").asText()).isEqualTo("Status");
    assertThat(status.get("status").asText()).isEqualTo("Failure");
    assertThat(status.get("code").asInt()).isEqualTo(code);
    assertThat(status.get("reason").asText()).isEqualTo(reason);
    assertThat(status.get("message").asText()).isNotBlank();
    return status;
  }

  private static List<String> causeFields(JsonNode status) {
    List<String> fields = new ArrayList<>();
    status.at("/details/causes").forEach(c -> fields.add(c.get("field").asText()));
    return fields;
  }

  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";

  @Test
  void malformedJsonAndYamlAre400() {
    expectStatus(http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":"), 400, "BadRequest");
    expectStatus(http.post(PODS, "application/yaml", "kind: Pod\nmetadata: [name: x\n  bad"), 400, "BadRequest");
    expectStatus(http.post(PODS, "application/json", "[1,2,3]"), 400, "BadRequest");
    expectStatus(http.post(PODS, "application/json", ""), 400, "BadRequest");
  }

  @Test
  void wrongTypesAre400AndNameTheField() {
    JsonNode status = expectStatus(http.post(RCS, "application/json",
        "{\"kind\":\"ReplicationController\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"replicas\":\"three\"}}"),
        400, "BadRequest");
    assertThat(status.get("message").asText()).contains("spec.replicas");
    expectStatus(http.post(PODS, "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":{\"name\":\"c\"}}}"), 400, "BadRequest");
  }

  @Test
  void malformedQuantitiesAre400AtDecoding() {
    String quantityMessage = "quantities must match the regular expression";
    for (String limit : new String[] {"\"lots\"", "\"1 Gi\"", "\"\"", "true", "{\"v\":1}", "[1]"}) {
      JsonNode status = expectStatus(http.post(PODS, "application/json",
          "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"q\"},\"spec\":{\"containers\":"
              + "[{\"name\":\"c\",\"image\":\"x\",\"resources\":{\"limits\":{\"memory\":" + limit + "}}}]}}"),
          400, "BadRequest");
      assertThat(status.get("message").asText()).as(limit)
          .isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: " + quantityMessage
              + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    expectStatus(http.post(PODS, "application/yaml", """
        kind: Pod
        apiVersion: v1
        metadata: {name: q}
        spec:
          containers:
          - {name: c, image: x, resources: {requests: {cpu: 1x}}}
        """), 400, "BadRequest");
  }

  @Test
  void invalidNamesAndLabelsAre422WithTheField() {
    JsonNode badName = expectStatus(http.post(PODS, "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"Bad_Name\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}"),
        422, "Invalid");
    assertThat(causeFields(badName)).contains("metadata.name");
    JsonNode badLabel = expectStatus(http.post(PODS, "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"ok\",\"labels\":{\"-bad-\":\"v\",\"k\":\"in valid\"}},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}"), 422, "Invalid");
    assertThat(causeFields(badLabel)).anyMatch(f -> f.startsWith("metadata.labels"));
    JsonNode noContainers = expectStatus(http.post(PODS, "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"ok\"},\"spec\":{\"containers\":[]}}"), 422, "Invalid");
    assertThat(causeFields(noContainers)).contains("spec.containers");
    JsonNode badPort = expectStatus(http.post(PODS, "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"ok\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\","
            + "\"ports\":[{\"containerPort\":70000}]}]}}"), 422, "Invalid");
    assertThat(causeFields(badPort)).contains("spec.containers[0].ports[0].containerPort");
  }

  @Test
  void replicationControllerRulesAre422() {
    JsonNode mismatch = expectStatus(http.post(RCS, "application/yaml", """
        kind: ReplicationController
        metadata: {name: web}
        spec:
          replicas: -1
          selector: {app: web}
          template:
            metadata: {labels: {app: other}}
            spec: {containers: [{name: c, image: i}]}
        """), 422, "Invalid");
    assertThat(causeFields(mismatch)).contains("spec.replicas", "spec.template.metadata.labels");
  }

  @Test
  void oversizeBodyIs413() {
    byte[] big = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    expectStatus(http.post(PODS, "application/json", big), 413, "RequestEntityTooLarge");
  }

  @Test
  void unknownKindsAndResourcesAndNamespaces() {
    expectStatus(http.post(PODS, "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"x\"}}"), 400, "BadRequest");
    expectStatus(http.post(PODS, "application/json",
        "{\"apiVersion\":\"apps/v9\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"}}"), 400, "BadRequest");
    expectStatus(http.get("/api/v1/namespaces/default/gadgets"), 404, "NotFound");
    expectStatus(http.post("/api/v1/namespaces/nowhere/pods", "application/json",
        "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}"),
        404, "NotFound");
    expectStatus(http.get(PODS + "/missing"), 404, "NotFound");
    expectStatus(http.get(PODS + "?labelSelector=a%20in%20(b"), 400, "BadRequest");
    expectStatus(http.get(PODS + "?fieldSelector=spec.image%3Dx"), 400, "BadRequest");
  }

  @Test
  void unsupportedPatchAndStaleUpdates() {
    expectStatus(http.patch(PODS + "/missing", "application/merge-patch+json", "{}"), 404, "NotFound");
    expectStatus(http.patch(PODS + "/missing", "text/plain", "x"), 415, "UnsupportedMediaType");
  }

  /** One raw HTTP/1.1 exchange (paths sent exactly as written, methods no client library sends). */
  private static String raw(String requestLine, byte[] body) throws java.io.IOException {
    java.net.URI base = java.net.URI.create(node.url());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static JsonNode rawStatus(String response, int code) throws java.io.IOException {
    assertThat(response).startsWith("HTTP/1.1 " + code);
    JsonNode status = io.coxswain.api.Json.json().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(status.get("kind").asText()).isEqualTo("Status");
    assertThat(status.get("code").asInt()).isEqualTo(code);
    return status;
  }

  @Test
  void oneObjectPerBodyOfStrictUtf8() {
    String pod = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\"},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}";
    expectStatus(http.post(PODS, "application/json", pod.formatted("a") + "garbage"), 400, "BadRequest");
    expectStatus(http.post(PODS, "application/json", pod.formatted("a") + pod.formatted("b")), 400, "BadRequest");
    byte[] bom = ("\uFEFF" + pod.formatted("a")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    expectStatus(http.post(PODS, "application/json", bom), 400, "BadRequest");
    byte[] overlong = pod.formatted("a@b").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = new String(overlong, java.nio.charset.StandardCharsets.UTF_8).indexOf('@');
    byte[] withOverlong = new byte[overlong.length + 2];
    System.arraycopy(overlong, 0, withOverlong, 0, at);
    withOverlong[at] = (byte) 0xE0;
    withOverlong[at + 1] = (byte) 0x80;
    withOverlong[at + 2] = (byte) 0xAF; // an overlong "/"
    System.arraycopy(overlong, at + 1, withOverlong, at + 3, overlong.length - at - 1);
    JsonNode status = expectStatus(http.post(PODS, "application/json", withOverlong), 400, "BadRequest");
    assertThat(status.get("message").asText()).contains("not valid UTF-8");
  }

  @Test
  void dotSegmentsAndUnparsableRequestsGetAStatus() throws Exception {
    rawStatus(raw("GET /api/v1/namespaces/default/pods/../../../nodes/x HTTP/1.1", new byte[0]), 404);
    rawStatus(raw("GET /api/v1/namespaces/default/pods/%2e%2e HTTP/1.1", new byte[0]), 404);
    rawStatus(raw("GET /api/v1/namespaces/%zz/pods HTTP/1.1", new byte[0]), 400);
    JsonNode brew = rawStatus(raw("BREW /api/v1/namespaces HTTP/1.1", new byte[0]), 405);
    assertThat(brew.get("reason").asText()).isEqualTo("MethodNotAllowed");
  }
}
