package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.Defaulting;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import java.util.Set;

/**
 * Which door writes which part of an object, per Kubernetes' resource strategies: the main
 * resource writes spec and metadata and keeps status; the status subresource writes status and
 * keeps everything else. Defaulting keeps server-owned metadata and counts generations.
 */
final class ObjectStrategy {
  /** Resources with a status subresource: their main resource ignores status changes. */
  private static final Set<String> HAS_STATUS = Set.of("pods", "replicationcontrollers", "services", "nodes", "namespaces");

  private ObjectStrategy() {}

  /** An update through the main resource: spec and metadata from {@code updated}, status kept. */
  static KubeObject prepareForUpdate(ApiResource resource, KubeObject current, KubeObject updated) {
    KubeObject merged = Defaulting.applyUpdateDefaults(current, updated);
    if (!HAS_STATUS.contains(resource.name())) {
      return merged;
    }
    return withStatusOf(resource, merged, current);
  }

  /** An update through the status subresource: only status from {@code updated}. */
  static KubeObject prepareForStatusUpdate(ApiResource resource, KubeObject current, KubeObject updated) {
    return withStatusOf(resource, current, updated);
  }

  private static KubeObject withStatusOf(ApiResource resource, KubeObject target, KubeObject statusSource) {
    ObjectNode tree = (ObjectNode) Json.toTree(target);
    JsonNode status = Json.toTree(statusSource).get("status");
    if (status == null) {
      tree.remove("status");
    } else {
      tree.set("status", status);
    }
    return Json.convert(tree, resource.type());
  }
}
