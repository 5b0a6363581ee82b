package io.coxswain.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Json;
import io.coxswain.api.core.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code pod-template-hash} label of a Deployment's ReplicaSets: a 32-bit FNV-1a hash of the
 * pod template (without that label, as canonical JSON, so equal templates hash alike) and the
 * Deployment's collision count, spelled in Kubernetes' safe alphabet (no vowels,
 * no look-alike digits). Also the one place that says when two templates are the same version.
 * Pure.
 */
public final class PodTemplateHash {
  static final String LABEL = "pod-template-hash";
  private static final String SAFE = "bcdfghjklmnpqrstvwxz2456789";

  private PodTemplateHash() {}

  public static String of(PodTemplateSpec template, Integer collisionCount) {
    int hash = 0x811c9dc5;
    for (byte b : canonical(template).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    if (collisionCount != null) {
      for (byte b : Integer.toString(collisionCount).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        hash ^= b & 0xff;
        hash *= 0x01000193;
      }
    }
    String digits = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder out = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      out.append(SAFE.charAt(c % SAFE.length()));
    }
    return out.toString();
  }

  /** The template without the pod-template-hash label (what a ReplicaSet's template was made from). */
  static PodTemplateSpec withoutHash(PodTemplateSpec template) {
    Map<String, String> labels = template.metadata().labels();
    if (labels == null || !labels.containsKey(LABEL)) {
      return template;
    }
    Map<String, String> rest = new LinkedHashMap<>(labels);
    rest.remove(LABEL);
    return template.withMetadata(template.metadata().withLabels(rest.isEmpty() ? null : rest));
  }

  /**
   * Kubernetes' EqualIgnoreHash: the same template but for the pod-template-hash label. Compared as
   * canonical JSON, so an absent field and an empty one ({@code resources: {}}) are the same, as
   * they are for Go's value-typed structs.
   */
  static boolean sameVersion(PodTemplateSpec a, PodTemplateSpec b) {
    if (a == null || b == null) {
      return a == b;
    }
    return canonical(a).equals(canonical(b));
  }

  /** The template without the hash label as a JSON tree: object keys sorted, empty and null values dropped. */
  private static JsonNode canonical(PodTemplateSpec template) {
    return prune(Json.toTree(withoutHash(template)));
  }

  private static JsonNode prune(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Json.json().createObjectNode();
      java.util.List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String name : names) {
        JsonNode value = prune(node.get(name));
        if (!isEmpty(value)) {
          out.set(name, value);
        }
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.json().createArrayNode();
      node.forEach(item -> out.add(prune(item)));
      return out;
    }
    return node;
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || (node.isContainerNode() && node.isEmpty());
  }
}
