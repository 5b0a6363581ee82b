package io.coxswain.apiserver.openapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {
  private final ObjectNode doc = OpenApiV3.coreV1();
  private final JsonNode schemas = doc.path("components").path("schemas");

  @Test
  void rootListsCoreV1WithTheHashOfItsBytes() {
    String url = OpenApiV3.root().path("paths").path("api/v1").path("serverRelativeURL").asText();
    String hash = Documents.hash(OpenApiV3.documentBytes("api/v1").orElseThrow());
    assertEquals("/openapi/v3/api/v1?hash=" + hash, url);
    assertEquals(OpenApiV3.hash("/api/v1").orElseThrow(), hash);
    assertTrue(OpenApiV3.root().path("paths").has("api"));
    assertTrue(OpenApiV3.root().path("paths").has("version"));
  }

  @Test
  void documentsAreBuiltOnceAndStable() {
    assertArrayEquals(OpenApiV3.documentBytes("api/v1").orElseThrow(), OpenApiV3.documentBytes("api/v1").orElseThrow());
    assertEquals(OpenApiV3.root(), OpenApiV3.root());
    assertTrue(OpenApiV3.documentBytes("apis/apps/v1").isPresent());
    assertTrue(OpenApiV3.documentBytes("apis/batch/v1").isEmpty());
  }

  @Test
  void headerIsOpenApiThree() {
    assertEquals("3.0.0", doc.path("openapi").asText());
  }

  @Test
  void podSchemaWrapsDescribedReferencesInAllOf() {
    JsonNode spec = schemas.path("io.k8s.api.core.v1.Pod").path("properties").path("spec");
    assertEquals("#/components/schemas/io.k8s.api.core.v1.PodSpec", spec.path("allOf").path(0).path("$ref").asText());
    assertTrue(spec.has("description"));
    JsonNode containers = schemas.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", containers.path("items").path("$ref").asText());
    assertEquals("string", schemas.path("io.k8s.api.core.v1.Container").path("properties").path("image")
        .path("type").asText());
    assertEquals("Pod", schemas.path("io.k8s.api.core.v1.Pod").path("x-kubernetes-group-version-kind").path(0)
        .path("kind").asText());
  }

  @Test
  void createPodDeclaresFieldValidationAndBodies() {
    JsonNode post = doc.path("paths").path("/api/v1/namespaces/{namespace}/pods").path("post");
    assertTrue(OpenApiV2Test.hasParam(post, "fieldValidation"));
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Pod",
        post.path("requestBody").path("content").path("*/*").path("schema").path("$ref").asText());
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Pod", post.path("responses").path("201")
        .path("content").path("application/json").path("schema").path("$ref").asText());
  }

  /** kubectl takes the first PATCH whose GVK matches, so every PATCH must carry the parameter. */
  @Test
  void everyWriteOperationDeclaresFieldValidation() {
    int patches = 0;
    for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
      for (String method : new String[] {"post", "put", "patch"}) {
        JsonNode op = path.getValue().path(method);
        if (!op.isMissingNode()) {
          assertTrue(OpenApiV2Test.hasParam(op, "fieldValidation"), path.getKey() + " " + method);
          assertTrue(op.path("x-kubernetes-group-version-kind").has("kind"), path.getKey() + " " + method);
          patches += method.equals("patch") ? 1 : 0;
        }
      }
    }
    assertTrue(patches >= 7, "a PATCH per resource at least");
  }

  @Test
  void everyReferenceResolves() {
    String prefix = "#/components/schemas/";
    doc.findValues("$ref").forEach(ref -> assertTrue(schemas.has(ref.asText().substring(prefix.length())),
        () -> "dangling " + ref));
  }
}
