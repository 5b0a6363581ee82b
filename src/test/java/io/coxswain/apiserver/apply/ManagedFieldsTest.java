package io.coxswain.apiserver.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.ManagedFieldsEntry;
import io.coxswain.apiserver.patch.PatchSchema;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field ownership through updates and applies, with Kubernetes' outcomes. */
class ManagedFieldsTest {
  private static final ManagedFields FIELDS = new ManagedFields("ReplicationController", "v1",
      PatchSchema.kubernetesCoreV1(), "2026-11-30T00:00:00Z");

  private static JsonNode tree(String json) {
    try {
      return Json.json().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String V1 = """
      {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web","labels":{"app":"web"}},
       "spec":{"replicas":2,"selector":{"app":"web"},"template":{"metadata":{"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"c","image":"nginx:1","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}""";

  @Test
  void anApplyOwnsItsConfigurationAndRemovesWhatItDropsLater() {
    ManagedFields.Applied first = FIELDS.apply(null, List.of(), tree(V1), "deployer", false);
    assertThat(first.entries()).hasSize(1);
    ManagedFieldsEntry entry = first.entries().get(0);
    assertThat(entry.operation()).isEqualTo("Apply");
    assertThat(entry.fieldsV1().tree().at("/f:spec/f:template/f:spec/f:containers/k:{\"name\":\"c\"}/f:image").isObject())
        .isTrue();
    assertThat(entry.fieldsV1().tree().at("/f:spec/f:template/f:spec/f:containers/k:{\"name\":\"c\"}/f:ports"
        + "/k:{\"containerPort\":80,\"protocol\":\"TCP\"}/.").isObject()).isTrue();
    assertThat(entry.fieldsV1().tree().has("f:metadata")).isTrue();
    assertThat(entry.fieldsV1().tree().at("/f:metadata/f:name").isMissingNode()).as("identity is not owned").isTrue();

    String withoutLabel = V1.replace("\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}}",
        "\"metadata\":{\"name\":\"web\"}");
    ManagedFields.Applied second = FIELDS.apply(first.object(), first.entries(), tree(withoutLabel), "deployer",
        false);
    assertThat(second.object().at("/metadata/labels/app").isMissingNode()).as("dropped and owned by nobody else")
        .isTrue();
  }

  @Test
  void anotherManagersFieldWithAnotherValueIsAConflictUnlessForced() {
    ManagedFields.Applied first = FIELDS.apply(null, List.of(), tree(V1), "deployer", false);
    JsonNode scaled = first.object().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) scaled.get("spec")).put("replicas", 5);
    List<ManagedFieldsEntry> afterScale = FIELDS.update(first.object(), scaled, first.entries(), "kubectl-scale",
        null);
    assertThat(afterScale).extracting(ManagedFieldsEntry::manager).containsExactly("deployer", "kubectl-scale");
    assertThat(afterScale.get(0).fieldsV1().tree().at("/f:spec/f:replicas").isMissingNode()).as("taken over").isTrue();

    assertThatThrownBy(() -> FIELDS.apply(scaled, afterScale, tree(V1), "deployer", false))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using "
              + "v1: .spec.replicas");
          assertThat(e.status().details().causes().get(0).field()).isEqualTo(".spec.replicas");
        });
    ManagedFields.Applied forced = FIELDS.apply(scaled, afterScale, tree(V1), "deployer", true);
    assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(forced.entries()).extracting(ManagedFieldsEntry::manager).containsExactly("deployer")
        .as("kubectl-scale owned nothing else");

    // The same value is no conflict: both own it.
    ManagedFields.Applied same = FIELDS.apply(scaled, afterScale, tree(V1.replace("\"replicas\":2",
        "\"replicas\":5")), "deployer", false);
    assertThat(same.entries()).extracting(ManagedFieldsEntry::manager).containsExactly("kubectl-scale", "deployer");
  }

  @Test
  void keyedListsMergeByKeyAndOthersItemsStay() {
    ManagedFields.Applied first = FIELDS.apply(null, List.of(), tree(V1), "deployer", false);
    JsonNode sidecar = first.object().deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) sidecar.at("/spec/template/spec/containers"))
        .add(tree("{\"name\":\"log\",\"image\":\"busybox\"}"));
    List<ManagedFieldsEntry> entries = FIELDS.update(first.object(), sidecar, first.entries(), "injector", null);
    ManagedFields.Applied again = FIELDS.apply(sidecar, entries, tree(V1.replace("nginx:1", "nginx:2")), "deployer",
        false);
    JsonNode containers = again.object().at("/spec/template/spec/containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).get("image").asText()).isEqualTo("nginx:2");
    assertThat(containers.get(1).get("name").asText()).isEqualTo("log");
  }

  @Test
  void aCreateOwnsWhatTheOneWalkAndThePathSetsAgreeOn() {
    List<ManagedFieldsEntry> created = FIELDS.update(null, tree(V1), List.of(), "creator", null);
    FieldSet viaWalk = FieldSet.fromFieldsV1(created.get(0).fieldsV1().tree());
    FieldSet viaPaths = new FieldPaths("ReplicationController", PatchSchema.kubernetesCoreV1()).of(tree(V1), false);
    assertThat(viaWalk).isEqualTo(viaPaths);
    assertThat(new String(Json.encode(created.get(0), true))).contains("f:spec:");
    assertThat(new String(Json.encode(created.get(0), false))).contains("\"fieldsV1\":{\"f:metadata\"");
  }

  @Test
  void portsWithoutAProtocolAreKeyedAsTcpSoAReapplyChangesNothing() {
    ManagedFields services = new ManagedFields("Service", "v1", PatchSchema.kubernetesCoreV1(), "t");
    String config = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},"
        + "\"spec\":{\"ports\":[{\"port\":80}]}}";
    ManagedFields.Applied first = services.apply(null, List.of(), tree(config), "m", false);
    JsonNode stored = tree(config.replace("{\"port\":80}", "{\"port\":80,\"protocol\":\"TCP\",\"targetPort\":80}"));
    ManagedFields.Applied again = services.apply(stored, first.entries(), tree(config), "m", false);
    assertThat(again.object().at("/spec/ports")).hasSize(1);
  }

  @Test
  void droppingAnItemAnotherManagerChangedKeepsTheItemWhole() {
    String two = V1.replace("[{\"name\":\"c\",\"image\":\"nginx:1\",\"ports\":[{\"containerPort\":80,"
        + "\"protocol\":\"TCP\"}]}]", "[{\"name\":\"a\",\"image\":\"x:1\"},{\"name\":\"b\",\"image\":\"y:1\"}]");
    ManagedFields.Applied first = FIELDS.apply(null, List.of(), tree(two), "deployer", false);
    JsonNode changed = first.object().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.at("/spec/template/spec/containers/1")).put("image", "y:2");
    List<ManagedFieldsEntry> entries = FIELDS.update(first.object(), changed, first.entries(), "kubectl-set", null);
    String onlyA = two.replace(",{\"name\":\"b\",\"image\":\"y:1\"}", "");
    ManagedFields.Applied again = FIELDS.apply(changed, entries, tree(onlyA), "deployer", false);
    JsonNode containers = again.object().at("/spec/template/spec/containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(1).path("name").asText()).as("the key of a kept item is never pruned").isEqualTo("b");
    assertThat(containers.get(1).path("image").asText()).isEqualTo("y:2");
  }
}
