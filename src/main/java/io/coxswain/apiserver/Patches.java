package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.Status;
import io.coxswain.apiserver.patch.JsonMergePatch;
import io.coxswain.apiserver.patch.JsonPatch;
import io.coxswain.apiserver.patch.PatchException;
import io.coxswain.apiserver.patch.PatchSchema;
import io.coxswain.apiserver.patch.StrategicMergePatch;

/** The three PATCH formats Kubernetes clients send, chosen by Content-Type. */
final class Patches {
  static final String MERGE = "application/merge-patch+json";
  static final String JSON_PATCH = "application/json-patch+json";
  static final String STRATEGIC = "application/strategic-merge-patch+json";
  /** Server-side apply (kubectl apply --server-side); JSON is YAML, so one parser reads both. */
  static final String APPLY = "application/apply-patch+yaml";
  static final PatchSchema SCHEMA = PatchSchema.kubernetesCoreV1();

  static boolean isApply(String contentType) {
    return MediaTypes.baseType(contentType).equals(APPLY);
  }

  private Patches() {}

  static JsonNode parse(ApiRequest request) {
    String type = MediaTypes.baseType(request.contentType());
    if (!type.equals(MERGE) && !type.equals(JSON_PATCH) && !type.equals(STRATEGIC)) {
      throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media "
          + "types include: " + JSON_PATCH + ", " + MERGE + ", " + STRATEGIC + ", " + APPLY);
    }
    if (request.body().length == 0) {
      throw ApiException.badRequest("the patch is empty");
    }
    return Json.decodeTree(request.body(), "application/json");
  }

  static JsonNode apply(String contentType, JsonNode target, JsonNode patch, String kind) {
    if (MediaTypes.baseType(contentType).equals(JSON_PATCH) && !patch.isArray()) {
      // Kubernetes fails to decode it (400) before applying anything.
      throw ApiException.badRequest("json: cannot unmarshal " + (patch.isObject() ? "object" : "value")
          + " into Go value of type jsonpatch.Patch");
    }
    try {
      return switch (MediaTypes.baseType(contentType)) {
        case MERGE -> JsonMergePatch.apply(target, patch);
        case JSON_PATCH -> JsonPatch.apply(target, patch);
        default -> StrategicMergePatch.apply(target, patch, SCHEMA, kind);
      };
    } catch (PatchException e) {
      throw new ApiException(Status.failure(422, "Invalid", e.getMessage(), null));
    }
  }
}
