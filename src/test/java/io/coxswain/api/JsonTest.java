package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Service;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void unknownFieldsAreIgnored() {
    Pod pod = Json.decode(bytes("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","managedFields":[{"x":1}]},
         "spec":{"affinity":{"nodeAffinity":{}},"containers":[{"name":"c","image":"nginx","securityContext":{}}]}}
        """), "application/json", Pod.class);
    assertThat(pod.metadata().name()).isEqualTo("a");
    assertThat(pod.spec().containers()).hasSize(1);
  }

  @Test
  void typeMismatchNamesTheJsonPath() {
    assertThatThrownBy(() -> Json.decode(bytes("""
        {"kind":"ReplicationController","spec":{"replicas":"three"}}"""), "application/json",
        ReplicationController.class))
        .isInstanceOf(ApiException.class)
        .hasMessage("ReplicationController in version \"v1\" cannot be handled as a ReplicationController: json: "
            + "cannot unmarshal string into Go struct field ReplicationControllerSpec.spec.replicas of type int32")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }

  @Test
  void stringsAreNotCoercedToNumbersNorNumbersToStrings() {
    assertThatThrownBy(() -> Json.decode(bytes("{\"spec\":{\"replicas\":\"3\"}}"), "application/json",
        ReplicationController.class)).hasMessageContaining("spec.replicas");
    assertThatThrownBy(() -> Json.decode(bytes("metadata:\n  labels:\n    version: 1.0\n"), "application/yaml",
        Pod.class)).hasMessageContaining("cannot unmarshal number into Go struct field")
        .hasMessageContaining("metadata.labels");
    assertThatThrownBy(() -> Json.decode(bytes("{\"spec\":{\"replicas\":1.5}}"), "application/json",
        ReplicationController.class)).hasMessageContaining("spec.replicas");
  }

  @Test
  void syntaxErrorsAreBadRequests() {
    assertThatThrownBy(() -> Json.decode(bytes("{\"metadata\":"), "application/json", Pod.class))
        .isInstanceOf(ApiException.class).hasMessageContaining("cannot be handled as a Pod");
    assertThatThrownBy(() -> Json.decode(new byte[0], "application/json", Pod.class))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> Json.decode(bytes("{}"), "text/plain", Pod.class))
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(415));
  }

  @Test
  void yamlContentTypesAreRecognised() {
    String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n";
    for (String type : List.of("application/yaml", "application/apply-patch+yaml", "text/yaml; charset=utf-8")) {
      assertThat(Json.decode(bytes(yaml), type, Pod.class).metadata().name()).isEqualTo("y");
    }
    assertThat(Json.decodeTree(bytes(yaml), "application/yaml").get("kind").asText()).isEqualTo("Pod");
  }

  @Test
  void multiDocumentYamlSkipsEmptyDocuments() {
    List<JsonNode> docs = Json.decodeYamlDocuments(bytes("""
        ---
        kind: Service
        metadata: {name: a}
        ---
        # only a comment
        ---
        kind: ReplicationController
        metadata:
          name: b
        """));
    assertThat(docs).extracting(d -> d.get("kind").asText()).containsExactly("Service", "ReplicationController");
  }

  @Test
  void requireKindChecksKindAndVersion() {
    Json.requireKind(Json.decodeTree(bytes("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}"), null), ApiResources.PODS);
    Json.requireKind(Json.decodeTree(bytes("{}"), null), ApiResources.PODS);
    Json.requireKind(Json.decodeTree(bytes("{\"apiVersion\":\"autoscaling/v1\"}"), null), ApiResources.SCALE);
    assertThatThrownBy(() -> Json.requireKind(Json.decodeTree(bytes("{\"kind\":\"Service\"}"), null),
        ApiResources.PODS)).hasMessageContaining("Service").hasMessageContaining("Pod");
    assertThatThrownBy(() -> Json.requireKind(Json.decodeTree(bytes("{\"apiVersion\":\"apps/v1\"}"), null),
        ApiResources.PODS)).hasMessage("the API version in the data (apps/v1) does not match the expected API "
            + "version (v1)");
  }

  @Test
  void intOrStringKeepsItsKind() {
    Service svc = Json.decode(bytes("""
        {"spec":{"ports":[{"port":80,"targetPort":8080},{"port":81,"targetPort":"http"}]}}"""), null,
        Service.class);
    assertThat(svc.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of(8080));
    assertThat(svc.spec().ports().get(1).targetPort()).isEqualTo(IntOrString.of("http"));
    assertThat(new String(Json.encode(svc.spec().ports(), false), StandardCharsets.UTF_8))
        .isEqualTo("[{\"port\":80,\"targetPort\":8080},{\"port\":81,\"targetPort\":\"http\"}]");
  }

  @Test
  void yamlOutputHasNoDocumentMarkerAndQuotesNumericStrings() {
    Pod pod = Json.decode(bytes("{\"metadata\":{\"name\":\"p\",\"labels\":{\"v\":\"1\"}}}"), null, Pod.class);
    String yaml = new String(Json.encode(pod, true), StandardCharsets.UTF_8);
    assertThat(yaml).startsWith("apiVersion: v1\n").contains("v: \"1\"").contains("name: p");
    assertThat(Json.decode(bytes(yaml), "application/yaml", Pod.class)).isEqualTo(pod);
  }

  @Test
  void nodeDaemonEndpointPortIsCapitalised() {
    String json = "{\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":10250}},"
        + "\"nodeInfo\":{\"machineID\":\"m\",\"kubeletVersion\":\"v1.32.0\"}}}";
    Node node = Json.decode(bytes(json), null, Node.class);
    assertThat(node.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
    assertThat(new String(Json.encode(node.status(), false), StandardCharsets.UTF_8))
        .contains("\"Port\":10250").contains("\"machineID\":\"m\"");
  }
}
