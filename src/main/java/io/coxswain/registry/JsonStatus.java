package io.coxswain.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;

/** The status copy every kind can use: through the objects' JSON trees (typed copies are faster). */
final class JsonStatus {
  private JsonStatus() {}

  /** {@code target} with the status of {@code statusSource} (none if it has none). */
  static KubeObject withStatusOf(ApiResource resource, KubeObject target, KubeObject statusSource) {
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
