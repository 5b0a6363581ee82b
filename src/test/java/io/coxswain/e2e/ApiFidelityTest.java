package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a real API server does with details that manifests from the wild and client libraries
 * rely on, over real HTTP; each expected value is Kubernetes' answer.
 */
@Tag("integration")
class ApiFidelityTest {
  private static TestNode node;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.scheduler.enabled", false));
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void quantitiesAcceptBareNumbersAndAreStoredInCanonicalForm() {
    Http.Reply created = http.post(PODS, "application/yaml", """
        apiVersion: v1
        kind: Pod
        metadata: {name: quantities}
        spec:
          containers:
          - name: a
            image: busybox
            resources:
              limits: {cpu: 1, memory: 134217728, ephemeral-storage: 1024Ki}
              requests: {cpu: 0.5, memory: 0.0625Gi}
          - name: b
            image: busybox
            resources:
              limits: {cpu: "1.5", memory: 1e3}
          volumes:
          - name: scratch
            emptyDir: {sizeLimit: 2048Mi}
        """);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    for (JsonNode pod : new JsonNode[] {created.json(), http.get(PODS + "/quantities").json()}) {
      JsonNode a = pod.at("/spec/containers/0/resources");
      assertThat(a.at("/limits/cpu").asText()).isEqualTo("1");
      assertThat(a.at("/limits/memory").asText()).isEqualTo("134217728");
      assertThat(a.at("/limits/ephemeral-storage").asText()).isEqualTo("1Mi");
      assertThat(a.at("/requests/cpu").asText()).isEqualTo("500m");
      assertThat(a.at("/requests/memory").asText()).isEqualTo("64Mi");
      JsonNode b = pod.at("/spec/containers/1/resources");
      assertThat(b.at("/limits/cpu").asText()).isEqualTo("1500m");
      assertThat(b.at("/limits/memory").asText()).isEqualTo("1e3");
      assertThat(b.at("/requests/cpu").asText()).as("a limit without a request is the request").isEqualTo("1500m");
      assertThat(pod.at("/spec/volumes/0/emptyDir/sizeLimit").asText()).isEqualTo("2Gi");
      assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Burstable");
    }
  }

  @Test
  void unknownAndDuplicateFieldsWarnByDefaultAndFailWhenStrict() {
    String pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"a":"b"}},
         "spec":{"containers":[{"name":"c","image":"x","imagePolicy":"Always","image":"y"}],"restartPolice":"Never"}}""";
    Http.Reply warned = http.post(PODS, "application/json", pod.formatted("warned"));
    assertThat(warned.code()).as(warned.body()).isEqualTo(201);
    assertThat(warned.header("Warning")).containsExactly(
        "299 - \"unknown field \\\"spec.containers[0].imagePolicy\\\"\"",
        "299 - \"duplicate field \\\"spec.containers[0].image\\\"\"",
        "299 - \"unknown field \\\"spec.restartPolice\\\"\"");
    assertThat(warned.json().at("/spec/containers/0/image").asText()).isEqualTo("y");

    Http.Reply strict = http.post(PODS + "?fieldValidation=Strict", "application/json", pod.formatted("strict"));
    assertThat(strict.code()).isEqualTo(400);
    assertThat(strict.json().get("reason").asText()).isEqualTo("BadRequest");
    assertThat(strict.json().get("message").asText()).isEqualTo("Pod in version \"v1\" cannot be handled as a "
        + "Pod: strict decoding error: unknown field \"spec.containers[0].imagePolicy\", duplicate field "
        + "\"spec.containers[0].image\", unknown field \"spec.restartPolice\"");
    assertThat(http.get(PODS + "/strict").code()).as("nothing was created").isEqualTo(404);

    Http.Reply ignored = http.post(PODS + "?fieldValidation=Ignore", "application/json", pod.formatted("ignored"));
    assertThat(ignored.code()).isEqualTo(201);
    assertThat(ignored.header("Warning")).isEmpty();

    Http.Reply badMode = http.post(PODS + "?fieldValidation=Loose", "application/json", pod.formatted("loose"));
    assertThat(badMode.code()).isEqualTo(422);
    assertThat(badMode.json().at("/details/causes/0/field").asText()).isEqualTo("fieldValidation");

    Http.Reply patched = http.patch(PODS + "/warned?fieldValidation=Strict", "application/merge-patch+json",
        "{\"spec\":{\"activeDeadlineSecs\":5}}");
    assertThat(patched.code()).isEqualTo(400);
    assertThat(patched.json().get("message").asText()).contains("unknown field \"spec.activeDeadlineSecs\"");
    Http.Reply patchWarned = http.patch(PODS + "/warned", "application/merge-patch+json",
        "{\"metadata\":{\"labels\":{\"x\":\"1\"},\"labels\":{\"y\":\"2\"}}}");
    assertThat(patchWarned.code()).isEqualTo(200);
    assertThat(patchWarned.header("Warning")).containsExactly(
        "299 - \"duplicate field \\\"metadata.labels\\\"\"");
  }

  @Test
  void serverSideApplyCreatesTracksAndRefusesWhatKubernetesRefuses() {
    String cms = "/api/v1/namespaces/default/configmaps";
    String config = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {a: '1', b: '2'}\n";
    Http.Reply noManager = http.patch(cms + "/applied", "application/apply-patch+yaml", config);
    assertThat(noManager.code()).isEqualTo(422);
    assertThat(noManager.json().at("/details/causes/0/field").asText()).isEqualTo("fieldManager");

    Http.Reply created = http.patch(cms + "/applied?fieldManager=tool", "application/apply-patch+yaml", config);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/metadata/managedFields/0/manager").asText()).isEqualTo("tool");
    assertThat(created.json().at("/metadata/managedFields/0/fieldsV1/f:data/f:b").isObject()).isTrue();

    Http.Reply unknown = http.patch(cms + "/applied?fieldManager=tool", "application/apply-patch+yaml",
        config.replace("data:", "dta:"));
    assertThat(unknown.code()).as("apply always validates fields").isEqualTo(400);

    Http.Reply forcedMerge = http.patch(cms + "/applied?force=true", "application/merge-patch+json", "{}");
    assertThat(forcedMerge.code()).isEqualTo(422);

    Http.Reply updated = http.patch(cms + "/applied?fieldManager=editor", "application/merge-patch+json",
        "{\"data\":{\"a\":\"9\"}}");
    assertThat(updated.code()).isEqualTo(200);
    JsonNode entries = updated.json().at("/metadata/managedFields");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(1).get("manager").asText()).isEqualTo("editor");
    assertThat(entries.get(1).get("operation").asText()).isEqualTo("Update");
    assertThat(entries.get(0).at("/fieldsV1/f:data/f:a").isMissingNode()).as("the editor took it").isTrue();

    Http.Reply conflict = http.patch(cms + "/applied?fieldManager=tool", "application/apply-patch+yaml", config);
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.json().get("message").asText())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"editor\" using v1: .data.a");
  }

  /**
   * A pod with nearly every field of the core/v1 schema (src/test/resources/fidelity/every-field-pod.yaml)
   * is created with fieldValidation=Strict and read back over HTTP and with kubectl: every field
   * sent comes back with the value sent (the server may add defaults, never drop or change).
   */
  @Test
  void aPodWithEveryFieldComesBackFieldByField() throws Exception {
    String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(
        "src/test/resources/fidelity/every-field-pod.yaml"));
    JsonNode sent = io.coxswain.api.Json.yaml().readTree(yaml);
    Http.Reply created = http.post(PODS + "?fieldValidation=Strict", "application/yaml", yaml);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Warning")).isEmpty();
    List<String> lost = new java.util.ArrayList<>();
    subset("", sent, http.get(PODS + "/every-field").json(), lost);
    assertThat(lost).as("fields lost or changed, read over HTTP").isEmpty();
    io.coxswain.testing.Kubectl kubectl = new io.coxswain.testing.Kubectl(node.url());
    io.coxswain.testing.Kubectl.Result got = kubectl.run("get", "pod", "every-field", "-o", "json");
    assertThat(got.exitCode()).as(got.all()).isZero();
    subset("", sent, io.coxswain.api.Json.json().readTree(got.out()), lost);
    assertThat(lost).as("fields lost or changed, read with kubectl").isEmpty();
    assertThat(http.patch(PODS + "/every-field", "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
    assertThat(http.delete(PODS + "/every-field").code()).isEqualTo(200);
  }

  /**
   * Every served kind, from an object with nearly every field of its Kubernetes schema
   * (src/test/resources/fidelity/every-field-KIND.yaml): created with fieldValidation=Strict and
   * read back over HTTP and with kubectl; every field sent comes back with the value sent (the
   * server may add defaults and its own fields, never drop or change one).
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"configmap", "secret", "serviceaccount", "lease",
      "namespace", "endpoints", "event", "node", "service", "replicationcontroller"})
  void everyKindComesBackFieldByField(String file) throws Exception {
    String yaml = java.nio.file.Files.readString(java.nio.file.Path.of(
        "src/test/resources/fidelity/every-field-" + file + ".yaml"));
    JsonNode sent = io.coxswain.api.Json.yaml().readTree(yaml);
    io.coxswain.api.ApiResource resource = io.coxswain.api.ApiResources.byKind(sent.get("kind").asText()).orElseThrow();
    String collection = resource.pathPrefix() + (resource.namespaced() ? "/namespaces/default/" : "/") + resource.name();
    String name = sent.at("/metadata/name").asText();
    Http.Reply created = http.post(collection + "?fieldValidation=Strict", "application/yaml", yaml);
    assertThat(created.code()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Warning")).as("no unknown or duplicate field").isEmpty();
    List<String> lost = new java.util.ArrayList<>();
    subset("", sent, http.get(collection + "/" + name).json(), lost);
    assertThat(lost).as("fields lost or changed, read over HTTP").isEmpty();
    io.coxswain.testing.Kubectl kubectl = new io.coxswain.testing.Kubectl(node.url());
    String kubectlName = resource.group().isEmpty() ? resource.name() : resource.name() + "." + resource.group();
    io.coxswain.testing.Kubectl.Result got = resource.namespaced()
        ? kubectl.run("get", kubectlName, name, "-n", "default", "-o", "json")
        : kubectl.run("get", kubectlName, name, "-o", "json");
    assertThat(got.exitCode()).as(got.all()).isZero();
    subset("", sent, io.coxswain.api.Json.json().readTree(got.out()), lost);
    assertThat(lost).as("fields lost or changed, read with kubectl").isEmpty();
    assertThat(http.delete(collection + "/" + name).code()).isEqualTo(200);
  }

  /** Every field of {@code sent} is in {@code back} with the same value; list items by position. */
  private static void subset(String path, JsonNode sent, JsonNode back, List<String> out) {
    if (back == null || back.isMissingNode() || back.isNull()) {
      out.add(path + " missing");
    } else if (sent.isObject()) {
      sent.fields().forEachRemaining(e -> subset(path + "." + e.getKey(), e.getValue(), back.get(e.getKey()), out));
    } else if (sent.isArray()) {
      for (int i = 0; i < sent.size(); i++) {
        subset(path + "[" + i + "]", sent.get(i), back.get(i), out);
      }
    } else if (!sent.asText().equals(back.asText())) {
      out.add(path + " sent " + sent + " read " + back);
    }
  }

  /** A scale naming another object, and a continue token this server did not issue, are 400s in plain words. */
  @Test
  void mismatchedScaleNamesAndForeignContinueTokensAre400() {
    assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/json", """
        {"metadata":{"name":"scaled"},"spec":{"replicas":0,"selector":{"app":"scaled"},"template":{"metadata":
         {"labels":{"app":"scaled"}},"spec":{"containers":[{"name":"c","image":"x"}]}}}}""").code()).isEqualTo(201);
    Http.Reply other = http.put("/api/v1/namespaces/default/replicationcontrollers/scaled/scale", "application/json",
        """
        {"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"other","namespace":"default"},
         "spec":{"replicas":2}}""");
    assertThat(other.code()).as(other.body()).isEqualTo(400);
    assertThat(other.json().get("message").asText())
        .isEqualTo("the name of the object (other) does not match the name on the URL (scaled)");
    assertThat(http.get("/api/v1/namespaces/default/replicationcontrollers/scaled").json().at("/spec/replicas")
        .asInt()).isZero();
    Http.Reply garbage = http.get("/api/v1/namespaces/default/pods?limit=1&continue=garbage");
    assertThat(garbage.code()).isEqualTo(400);
    assertThat(garbage.json().get("message").asText()).startsWith("continue key is not valid: ")
        .doesNotContain("Jackson", "Unrecognized token");
  }
}
