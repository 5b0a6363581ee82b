package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import io.coxswain.testing.Http;
import io.coxswain.testing.RawRequest;
import io.coxswain.testing.TestNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code hostile/corpus.yaml}: each request byte for byte, then its status code, that the
 * body is a Status with that code and reason, and that the store is as it was (same revision,
 * the node-bound pod "victim" neither deleted nor marked for deletion).
 */
@Tag("integration")
class HostileInputCorpusTest {
  private static TestNode node;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.node.heartbeat-interval", "1h",
        "coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false));
    http = new Http(node.url());
    assertThat(http.post("/api/v1/namespaces/default/pods", "application/json", """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"victim"},
         "spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox:1"}]}}""").code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/configmaps", "application/json", """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"keep"},"data":{"k":"v"}}""").code()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @TestFactory
  Stream<DynamicTest> everyCaseIsAnsweredAsKubernetesAnswersAndChangesNothing() throws IOException {
    List<JsonNode> cases;
    try (InputStream in = HostileInputCorpusTest.class.getResourceAsStream("/hostile/corpus.yaml")) {
      cases = Json.decodeYamlDocuments(in.readAllBytes()).get(0).findParents("request").stream()
          .filter(JsonNode::isObject).toList();
    }
    assertThat(cases).hasSizeGreaterThan(50);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
  }

  private static void run(JsonNode c) throws IOException {
    long revision = revision();
    RawRequest.Response response = RawRequest.send(node.url(), head(c), body(c), c.path("halfClose").asBoolean());
    JsonNode expect = c.get("expect");
    int code = expect.get("code").asInt();
    assertThat(response.code()).as(response.text()).isEqualTo(code);
    JsonNode status = Json.json().readTree(response.body());
    assertThat(status.path("kind").asText()).as(response.text()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("code").asInt()).isEqualTo(code);
    assertThat(status.path("reason").asText()).isEqualTo(expect.get("reason").asText());
    if (expect.has("message")) {
      assertThat(status.path("message").asText()).containsIgnoringCase(expect.get("message").asText());
    }
    assertThat(revision()).as("the store did not change").isEqualTo(revision);
    JsonNode victim = http.get("/api/v1/namespaces/default/pods/victim").json();
    assertThat(victim.at("/metadata/deletionTimestamp").isMissingNode()).as("victim not marked for deletion").isTrue();
  }

  private static long revision() {
    return http.get("/api/v1/namespaces").json().at("/metadata/resourceVersion").asLong();
  }

  private static String head(JsonNode c) {
    StringBuilder head = new StringBuilder(c.get("request").asText());
    if (c.has("type")) {
      head.append("\r\nContent-Type: ").append(c.get("type").asText());
    }
    c.path("headers").forEach(h -> head.append("\r\n").append(h.asText()));
    if (c.path("chunked").asBoolean()) {
      head.append("\r\nTransfer-Encoding: chunked");
    } else {
      head.append("\r\nContent-Length: ").append(c.has("length") ? c.get("length").asLong() : body(c).length);
    }
    return head.toString();
  }

  private static byte[] body(JsonNode c) {
    byte[] body;
    if (c.has("bodyHex")) {
      body = HexFormat.of().parseHex(c.get("bodyHex").asText());
    } else if (c.has("bodyRepeat")) {
      JsonNode r = c.get("bodyRepeat");
      body = (r.path("prefix").asText() + r.get("text").asText().repeat(r.get("times").asInt()) + r.path("suffix").asText())
          .getBytes(StandardCharsets.UTF_8);
    } else {
      body = c.path("body").asText().getBytes(StandardCharsets.UTF_8);
    }
    return c.path("chunked").asBoolean() ? chunked(body) : body;
  }

  private static byte[] chunked(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length; i += 65536) {
      int n = Math.min(65536, body.length - i);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, i, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
