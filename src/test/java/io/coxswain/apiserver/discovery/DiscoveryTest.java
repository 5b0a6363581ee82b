package io.coxswain.apiserver.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  @Test
  void apiVersionsOffersV1AtTheGivenAddress() {
    JsonNode node = Discovery.apiVersions("127.0.0.1:6443");
    assertEquals("APIVersions", node.path("kind").asText());
    assertEquals("v1", node.path("versions").path(0).asText());
    assertEquals("0.0.0.0/0", node.path("serverAddressByClientCIDRs").path(0).path("clientCIDR").asText());
    assertEquals("127.0.0.1:6443", node.path("serverAddressByClientCIDRs").path(0).path("serverAddress").asText());
  }

  @Test
  void namedGroupsAreListedWithTheirVersionsAndResources() {
    JsonNode node = Discovery.apiGroupList();
    assertEquals("APIGroupList", node.path("kind").asText());
    JsonNode coordination = node.path("groups").path(0);
    assertEquals("coordination.k8s.io", coordination.path("name").asText());
    assertEquals("coordination.k8s.io/v1", coordination.path("preferredVersion").path("groupVersion").asText());
    assertEquals("APIGroup", Discovery.apiGroup("coordination.k8s.io").path("kind").asText());
    JsonNode leases = Discovery.resourceList("coordination.k8s.io", "v1");
    assertEquals("coordination.k8s.io/v1", leases.path("groupVersion").asText());
    assertEquals("leases", leases.path("resources").path(0).path("name").asText());
    assertEquals("apps/v1", Discovery.apiGroup("apps").path("preferredVersion").path("groupVersion").asText());
    assertEquals(null, Discovery.apiGroup("batch"));
    assertTrue(Discovery.coreV1ResourceList().path("resources").findValuesAsText("name").stream()
        .noneMatch(n -> n.equals("leases")), "leases are not core/v1");
  }

  @Test
  void podsAreListedWithShortNamesCategoriesAndAllVerbs() {
    JsonNode pods = entry("pods");
    assertEquals("pod", pods.path("singularName").asText());
    assertTrue(pods.path("namespaced").asBoolean());
    assertEquals("Pod", pods.path("kind").asText());
    assertEquals("[\"po\"]", pods.path("shortNames").toString());
    assertEquals("[\"all\"]", pods.path("categories").toString());
    assertEquals(ResourceVerbs.ALL, strings(pods.path("verbs")));
  }

  @Test
  void clusterScopedResourcesAreNotNamespacedAndNamespacesCannotBeDeletedAsACollection() {
    assertFalse(entry("nodes").path("namespaced").asBoolean());
    assertFalse(strings(entry("namespaces").path("verbs")).contains("deletecollection"));
    assertTrue(entry("endpoints").path("categories").isMissingNode());
  }

  @Test
  void subresourcesCarryTheirKindsAndVerbs() {
    JsonNode scale = entry("replicationcontrollers/scale");
    assertEquals("autoscaling", scale.path("group").asText());
    assertEquals("v1", scale.path("version").asText());
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals(List.of("get", "patch", "update"), strings(scale.path("verbs")));
    assertEquals(List.of("create"), strings(entry("pods/binding").path("verbs")));
    assertEquals("Binding", entry("pods/binding").path("kind").asText());
    assertEquals(List.of("get"), strings(entry("pods/log").path("verbs")));
    assertEquals("Pod", entry("pods/status").path("kind").asText());
    assertEquals("", entry("pods/status").path("singularName").asText());
    assertFalse(entry("nodes/status").isMissingNode());
    assertFalse(entry("namespaces/status").isMissingNode());
    assertFalse(entry("replicationcontrollers/status").isMissingNode());
  }

  @Test
  void resourcesAreSortedByName() {
    List<String> names = new ArrayList<>();
    Discovery.coreV1ResourceList().path("resources").forEach(r -> names.add(r.path("name").asText()));
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertEquals(sorted, names);
    assertEquals("v1", Discovery.coreV1ResourceList().path("groupVersion").asText());
  }

  @Test
  void versionClaimsKubernetes132() {
    JsonNode version = Discovery.version();
    assertEquals("1", version.path("major").asText());
    assertEquals("32", version.path("minor").asText());
    assertEquals("v1.32.0-coxswain", version.path("gitVersion").asText());
    assertTrue(version.path("platform").asText().contains("/"));
    for (String field : new String[] {"gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler"}) {
      assertTrue(version.has(field), field);
    }
  }

  private static JsonNode entry(String name) {
    for (JsonNode r : Discovery.coreV1ResourceList().path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
