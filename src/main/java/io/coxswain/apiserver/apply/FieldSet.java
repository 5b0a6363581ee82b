package io.coxswain.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of field paths, as server-side apply records who owns what: each path is a list of
 * elements in Kubernetes' fieldsV1 syntax — {@code f:name} (a field or map key),
 * {@code k:{"name":"c"}} (the item of a keyed list), {@code v:"x"} (an item of a set list) and
 * {@code .} (the item itself). Immutable; converts to and from the {@code fieldsV1} tree.
 */
public final class FieldSet {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  public static final FieldSet EMPTY = new FieldSet(Set.of());

  private final Set<List<String>> paths;

  FieldSet(Set<List<String>> paths) {
    this.paths = Collections.unmodifiableSet(new LinkedHashSet<>(paths));
  }

  public Set<List<String>> paths() {
    return paths;
  }

  public boolean isEmpty() {
    return paths.isEmpty();
  }

  public boolean contains(List<String> path) {
    return paths.contains(path);
  }

  public FieldSet union(FieldSet other) {
    Set<List<String>> all = new LinkedHashSet<>(paths);
    all.addAll(other.paths);
    return new FieldSet(all);
  }

  public FieldSet minus(FieldSet other) {
    Set<List<String>> left = new LinkedHashSet<>(paths);
    left.removeAll(other.paths);
    return new FieldSet(left);
  }

  /** The {@code fieldsV1} tree: each element a key, leaves empty objects. */
  public ObjectNode toFieldsV1() {
    ObjectNode root = NODES.objectNode();
    for (List<String> path : paths) {
      ObjectNode at = root;
      for (String element : path) {
        JsonNode next = at.get(element);
        at = next instanceof ObjectNode o ? o : at.putObject(element);
      }
    }
    return root;
  }

  /** Reads a {@code fieldsV1} tree: every node without children is a path. */
  public static FieldSet fromFieldsV1(JsonNode tree) {
    Set<List<String>> paths = new LinkedHashSet<>();
    if (tree != null && tree.isObject()) {
      collect(tree, new ArrayList<>(), paths);
    }
    return new FieldSet(paths);
  }

  private static void collect(JsonNode node, List<String> prefix, Set<List<String>> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      if (e.getValue().isObject() && !e.getValue().isEmpty()) {
        collect(e.getValue(), path, out);
      } else {
        out.add(List.copyOf(path));
      }
    }
  }

  /** {@code .spec.containers[name="c"].image}: a path as Kubernetes writes it in conflict messages. */
  public static String render(List<String> path) {
    StringBuilder out = new StringBuilder();
    for (String element : path) {
      if (element.startsWith("f:")) {
        out.append('.').append(element.substring(2));
      } else if (element.startsWith("k:")) {
        StringBuilder key = new StringBuilder();
        try {
          JsonNode keys = io.coxswain.api.Json.json().readTree(element.substring(2));
          keys.fields().forEachRemaining(k -> key.append(key.length() == 0 ? "" : ",").append(k.getKey())
              .append('=').append(k.getValue()));
        } catch (java.io.IOException e) {
          key.append(element.substring(2));
        }
        out.append('[').append(key).append(']');
      } else if (element.startsWith("v:")) {
        out.append('[').append(element.substring(2)).append(']');
      }
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet f && paths.equals(f.paths);
  }

  @Override
  public int hashCode() {
    return paths.hashCode();
  }

  @Override
  public String toString() {
    return paths.toString();
  }
}
