package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A group/version/kind as the {@code x-kubernetes-group-version-kind} extension spells it. */
record Gvk(String group, String version, String kind) {

  static Gvk core(String kind) {
    return new Gvk("", "v1", kind);
  }

  /** Keys in alphabetical order, as Kubernetes' published documents have them. */
  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("group", group);
    node.put("kind", kind);
    node.put("version", version);
    return node;
  }
}
