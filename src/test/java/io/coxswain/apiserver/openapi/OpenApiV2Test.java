package io.coxswain.apiserver.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OpenApiV2Test {
  private final ObjectNode doc = OpenApiV2.document();
  private final JsonNode defs = doc.path("definitions");

  @Test
  void headerIsSwaggerTwoForKubernetes() {
    assertEquals("2.0", doc.path("swagger").asText());
    assertEquals("Kubernetes", doc.path("info").path("title").asText());
    assertEquals("v1.32.0", doc.path("info").path("version").asText());
  }

  @Test
  void podContainersAreReferencesToContainerWithAStringImage() {
    JsonNode containers = defs.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
    assertEquals("array", containers.path("type").asText());
    assertEquals("#/definitions/io.k8s.api.core.v1.Container", containers.path("items").path("$ref").asText());
    assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asText());
    assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asText());
    JsonNode image = defs.path("io.k8s.api.core.v1.Container").path("properties").path("image");
    assertEquals("string", image.path("type").asText());
    assertFalse(image.path("description").asText().isEmpty());
  }

  @Test
  void podCarriesItsGroupVersionKind() {
    JsonNode gvk = defs.path("io.k8s.api.core.v1.Pod").path("x-kubernetes-group-version-kind").path(0);
    assertEquals("", gvk.path("group").asText());
    assertEquals("v1", gvk.path("version").asText());
    assertEquals("Pod", gvk.path("kind").asText());
    assertEquals("#/definitions/io.k8s.api.core.v1.PodSpec",
        defs.path("io.k8s.api.core.v1.Pod").path("properties").path("spec").path("$ref").asText());
  }

  @Test
  void metaAndAutoscalingTypesUseKubernetesNames() {
    assertTrue(defs.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"));
    assertTrue(defs.has("io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference"));
    assertTrue(defs.has("io.k8s.apimachinery.pkg.apis.meta.v1.Status"));
    assertTrue(defs.has("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"));
    JsonNode scaleGvk = defs.path("io.k8s.api.autoscaling.v1.Scale").path("x-kubernetes-group-version-kind").path(0);
    assertEquals("autoscaling", scaleGvk.path("group").asText());
    JsonNode items = defs.path("io.k8s.api.core.v1.PodList").path("properties").path("items");
    assertEquals("#/definitions/io.k8s.api.core.v1.Pod", items.path("items").path("$ref").asText());
    assertEquals("continue", defs.path("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta").path("properties")
        .fieldNames().next());
  }

  @Test
  void scalarTypesFollowKubernetesFormats() {
    JsonNode spec = defs.path("io.k8s.api.core.v1.PodSpec").path("properties");
    assertEquals("int64", spec.path("terminationGracePeriodSeconds").path("format").asText());
    assertEquals("string", spec.path("nodeSelector").path("additionalProperties").path("type").asText());
    JsonNode targetPort = defs.path("io.k8s.api.core.v1.ServicePort").path("properties").path("targetPort");
    assertEquals("#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString", targetPort.path("$ref").asText());
    assertEquals("int-or-string", defs.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asText());
    assertEquals("#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity", defs.path("io.k8s.api.core.v1"
        + ".ResourceRequirements").path("properties").path("limits").path("additionalProperties").path("$ref").asText());
    assertEquals("int32", defs.path("io.k8s.api.core.v1.ContainerPort").path("properties")
        .path("containerPort").path("format").asText());
  }

  @Test
  void createOperationHasActionKindAndWriteParameters() {
    JsonNode post = doc.path("paths").path("/api/v1/namespaces/{namespace}/pods").path("post");
    assertEquals("post", post.path("x-kubernetes-action").asText());
    assertEquals("Pod", post.path("x-kubernetes-group-version-kind").path("kind").asText());
    assertTrue(hasParam(post, "fieldValidation"));
    assertTrue(hasParam(post, "dryRun"));
    assertTrue(hasParam(post, "fieldManager"));
    JsonNode patch = doc.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch");
    assertTrue(hasParam(patch, "fieldValidation"));
    assertTrue(patch.path("consumes").toString().contains("application/strategic-merge-patch+json"));
  }

  @Test
  void scaleSubresourceSpeaksAutoscalingScale() {
    JsonNode put = doc.path("paths").path("/api/v1/namespaces/{namespace}/replicationcontrollers/{name}/scale")
        .path("put");
    assertEquals("autoscaling", put.path("x-kubernetes-group-version-kind").path("group").asText());
    assertEquals("#/definitions/io.k8s.api.autoscaling.v1.Scale",
        put.path("responses").path("200").path("schema").path("$ref").asText());
  }

  @Test
  void everyReferenceResolves() {
    doc.findValues("$ref").forEach(ref -> assertTrue(
        defs.has(ref.asText().substring("#/definitions/".length())), () -> "dangling " + ref));
  }

  static boolean hasParam(JsonNode operation, String name) {
    for (JsonNode p : operation.path("parameters")) {
      if (p.path("name").asText().equals(name) && p.path("in").asText().equals("query")) {
        return true;
      }
    }
    return false;
  }
}
