package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** YAML 1.1 anchors, aliases and merge keys, as Kubernetes' YAML decoder reads them. */
class YamlAliasesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aliasesStandForTheAnchoredValueNotItsName() {
    Pod pod = Json.decode(bytes("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
          labels: {app: &app web, tier: *app}
        spec:
          containers:
          - name: c
            image: &img busybox:1
          - name: d
            image: *img
        """), "application/yaml", Pod.class);
    assertThat(pod.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "tier", "web"));
    assertThat(pod.spec().containers()).extracting(c -> c.image()).containsExactly("busybox:1", "busybox:1");
  }

  @Test
  void mergeKeysAddWhatTheMappingDoesNotSet() {
    ConfigMap map = Json.decode(bytes("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: m
          labels:
            <<: [&base {a: "1", b: "2"}, {b: "3", c: "4"}]
            a: own
        data:
          <<: *base
        """), "application/yaml", ConfigMap.class);
    assertThat(map.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "own", "b", "2", "c", "4"));
    assertThat(map.data()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
  }

  @Test
  void anchoredSequencesAndMappingsAreShared() {
    JsonNode tree = Json.decodeTree(bytes("""
        x: &list [1, {k: v}]
        y: *list
        """), "application/yaml");
    assertThat(tree.get("y")).isEqualTo(tree.get("x"));
    assertThat(tree.get("y").get(1).get("k").asText()).isEqualTo("v");
  }

  @Test
  void aliasBombsAre400() {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char previous = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
    }
    assertThatThrownBy(() -> Json.decodeTree(bytes(yaml.toString()), "application/yaml"))
        .isInstanceOf(ApiException.class).hasMessageContaining("excessive aliasing")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }

  @Test
  void unknownAnchorsAndScalarMergesAre400() {
    assertThatThrownBy(() -> Json.decode(bytes("kind: ConfigMap\nmetadata: {name: *nope}\n"), "application/yaml",
        ConfigMap.class)).isInstanceOf(ApiException.class).hasMessageContaining("unknown anchor 'nope'");
    assertThatThrownBy(() -> Json.decode(bytes("kind: ConfigMap\ndata: {<<: x}\n"), "application/yaml",
        ConfigMap.class)).isInstanceOf(ApiException.class).hasMessageContaining("map merge requires");
    assertThatThrownBy(() -> Json.decode(bytes("kind: ConfigMap\nmetadata: {labels: &l [{a: b}]}\ndata: {<<: *l}\n"),
        "application/yaml", ConfigMap.class)).as("an alias to a sequence, even of mappings")
        .isInstanceOf(ApiException.class).hasMessageContaining("map merge requires");
  }

  @Test
  void documentsOfAStreamResolveTheirOwnAliases() {
    List<JsonNode> docs = Json.decodeYamlDocuments(bytes("""
        a: &x 1
        b: *x
        ---
        # only a comment
        ---
        c: &y two
        d: *y
        """));
    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).get("b").asInt()).isEqualTo(1);
    assertThat(docs.get(1).get("d").asText()).isEqualTo("two");
  }

  @Test
  void duplicateKeysAreFoundInBodiesWithAliasesToo() {
    byte[] body = bytes("kind: ConfigMap\nmetadata: {name: &n m, name: x}\ndata: {a: *n}\n");
    assertThatThrownBy(() -> Json.decode(body, "application/yaml", ConfigMap.class, FieldValidation.STRICT,
        new java.util.ArrayList<>())).isInstanceOf(ApiException.class).hasMessageContaining("duplicate field");
    List<String> warnings = new java.util.ArrayList<>();
    Json.decode(body, "application/yaml", ConfigMap.class, FieldValidation.WARN, warnings);
    assertThat(warnings).anyMatch(w -> w.contains("duplicate field"));
  }

  @Test
  void starsAndAmpersandsInsideStringsStayText() {
    ConfigMap map = Json.decode(bytes("""
        kind: ConfigMap
        metadata: {name: m}
        data: {glob: "*.txt", amp: "a & b", shift: "1 << 2"}
        """), "application/yaml", ConfigMap.class);
    assertThat(map.data()).containsEntry("glob", "*.txt").containsEntry("amp", "a & b").containsEntry("shift", "1 << 2");
  }
}
