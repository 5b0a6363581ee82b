package io.coxswain.apiserver.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Json;
import io.coxswain.apiserver.patch.ListStrategy;
import io.coxswain.apiserver.patch.PatchSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The field paths of an object and the values at them, with the list semantics server-side apply
 * gives each list (from the strategic merge schema): a list with a merge key is a map of items
 * ({@code k:{"name":"c"}}; ports are keyed by number and protocol, as Kubernetes keys them), a
 * list of scalars that merges is a set ({@code v:"x"}), any other list is atomic (one leaf). The
 * server-owned metadata (uid, resourceVersion, generation, timestamps, managedFields) and the
 * object's identity (apiVersion, kind, name, namespace) are never owned. Pure.
 */
final class FieldPaths {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> UNOWNED_META = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "selfLink");

  private final String kind;
  private final PatchSchema schema;

  FieldPaths(String kind, PatchSchema schema) {
    this.kind = kind;
    this.schema = schema;
  }

  /**
   * The same set as {@link #of} as a {@code fieldsV1} tree, built in one walk: what a create
   * records, on the hot path of every API create.
   */
  ObjectNode fieldsV1Of(JsonNode object, boolean withStatus) {
    ObjectNode root = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      if (field.equals("apiVersion") || field.equals("kind") || (field.equals("status") && !withStatus)) {
        continue;
      }
      if (field.equals("metadata") && e.getValue().isObject()) {
        ObjectNode meta = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = m.next();
          if (!UNOWNED_META.contains(entry.getKey())) {
            trie(entry.getValue(), meta, "f:" + entry.getKey(), "metadata." + entry.getKey());
          }
        }
        if (!meta.isEmpty()) {
          root.set("f:metadata", meta);
        }
        continue;
      }
      trie(e.getValue(), root, "f:" + field, field);
    }
    return root;
  }

  private void trie(JsonNode value, ObjectNode parent, String element, String dotted) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isObject() && !value.isEmpty()) {
      ObjectNode node = parent.putObject(element);
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        trie(e.getValue(), node, "f:" + e.getKey(), dotted + "." + e.getKey());
      }
      return;
    }
    if (value.isArray()) {
      Optional<ListStrategy> strategy = schema.listStrategy(kind, dotted);
      if (strategy.isPresent()) {
        ObjectNode node = parent.putObject(element);
        for (JsonNode item : value) {
          if (strategy.get().hasMergeKey()) {
            ObjectNode itemNode = node.putObject(itemKey(dotted, strategy.get(), item));
            itemNode.putObject(".");
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
              Map.Entry<String, JsonNode> e = it.next();
              trie(e.getValue(), itemNode, "f:" + e.getKey(), dotted + "." + e.getKey());
            }
          } else {
            node.putObject("v:" + item.toString());
          }
        }
        return;
      }
    }
    parent.putObject(element);
  }

  /** Every leaf of the object (and each keyed item's {@code .}), status included or not. */
  FieldSet of(JsonNode object, boolean withStatus) {
    Set<List<String>> out = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = e.getKey();
      if (field.equals("apiVersion") || field.equals("kind") || (field.equals("status") && !withStatus)) {
        continue;
      }
      if (field.equals("metadata") && e.getValue().isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> m = e.getValue().fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> meta = m.next();
          if (!UNOWNED_META.contains(meta.getKey())) {
            walk(meta.getValue(), List.of("f:metadata", "f:" + meta.getKey()), "metadata." + meta.getKey(), out);
          }
        }
        continue;
      }
      walk(e.getValue(), List.of("f:" + field), field, out);
    }
    return new FieldSet(out);
  }

  private void walk(JsonNode value, List<String> path, String dotted, Set<List<String>> out) {
    if (value == null || value.isNull()) {
      return;
    }
    if (value.isObject() && !value.isEmpty()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        walk(e.getValue(), plus(path, "f:" + e.getKey()), dotted + "." + e.getKey(), out);
      }
      return;
    }
    if (value.isArray()) {
      Optional<ListStrategy> strategy = schema.listStrategy(kind, dotted);
      if (strategy.isPresent() && strategy.get().hasMergeKey()) {
        for (JsonNode item : value) {
          List<String> itemPath = plus(path, itemKey(dotted, strategy.get(), item));
          out.add(plus(itemPath, "."));
          walk(item, itemPath, dotted, out);
        }
        return;
      }
      if (strategy.isPresent()) {
        for (JsonNode item : value) {
          out.add(plus(path, "v:" + item.toString()));
        }
        return;
      }
    }
    out.add(path);
  }

  /** {@code k:{"containerPort":80,"protocol":"TCP"}}: an item's keys, sorted, as compact JSON. */
  static String itemKey(String dotted, ListStrategy strategy, JsonNode item) {
    Map<String, JsonNode> keys = new TreeMap<>();
    keys.put(strategy.mergeKey(), item.path(strategy.mergeKey()));
    if (dotted.endsWith(".ports")) {
      // Ports are keyed by number and protocol; an absent protocol is the default, TCP.
      keys.put("protocol", item.hasNonNull("protocol") ? item.get("protocol") : NODES.textNode("TCP"));
    }
    ObjectNode key = NODES.objectNode();
    keys.forEach(key::set);
    return "k:" + key;
  }

  /** The value at a path, or null when there is none. */
  JsonNode valueAt(JsonNode object, List<String> path) {
    JsonNode at = object;
    String dotted = "";
    for (String element : path) {
      if (at == null) {
        return null;
      }
      if (element.equals(".")) {
        return at;
      } else if (element.startsWith("f:")) {
        String field = element.substring(2);
        dotted = dotted.isEmpty() ? field : dotted + "." + field;
        at = at.isObject() ? at.get(field) : null;
      } else if (element.startsWith("k:")) {
        at = findKeyed(at, dotted, element);
      } else if (element.startsWith("v:")) {
        at = findValue(at, element.substring(2));
      } else {
        return null;
      }
    }
    return at;
  }

  private JsonNode findKeyed(JsonNode list, String dotted, String element) {
    Optional<ListStrategy> strategy = schema.listStrategy(kind, dotted);
    if (!list.isArray() || strategy.isEmpty() || !strategy.get().hasMergeKey()) {
      return null;
    }
    for (JsonNode item : list) {
      if (itemKey(dotted, strategy.get(), item).equals(element)) {
        return item;
      }
    }
    return null;
  }

  private static JsonNode findValue(JsonNode list, String json) {
    if (!list.isArray()) {
      return null;
    }
    for (JsonNode item : list) {
      if (item.toString().equals(json)) {
        return item;
      }
    }
    return null;
  }

  /**
   * {@code applied} merged onto {@code live} as apply merges: objects field by field, keyed lists
   * item by item (live order, new items after), set lists as a union, anything else replaced.
   */
  JsonNode merge(JsonNode live, JsonNode applied, String dotted) {
    if (live == null || live.isNull() || applied == null || applied.isNull()) {
      return applied == null ? live : applied.deepCopy();
    }
    if (live.isObject() && applied.isObject()) {
      ObjectNode out = live.deepCopy();
      for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = dotted.isEmpty() ? e.getKey() : dotted + "." + e.getKey();
        out.set(e.getKey(), merge(live.get(e.getKey()), e.getValue(), child));
      }
      return out;
    }
    if (live.isArray() && applied.isArray()) {
      Optional<ListStrategy> strategy = schema.listStrategy(kind, dotted);
      if (strategy.isPresent() && strategy.get().hasMergeKey()) {
        ArrayNode out = NODES.arrayNode();
        List<JsonNode> pending = new ArrayList<>();
        applied.forEach(pending::add);
        for (JsonNode item : live) {
          String key = itemKey(dotted, strategy.get(), item);
          JsonNode match = pending.stream().filter(a -> itemKey(dotted, strategy.get(), a).equals(key)).findFirst()
              .orElse(null);
          if (match != null) {
            pending.remove(match);
            out.add(merge(item, match, dotted));
          } else {
            out.add(item);
          }
        }
        pending.forEach(out::add);
        return out;
      }
      if (strategy.isPresent()) {
        ArrayNode out = live.deepCopy();
        for (JsonNode item : applied) {
          if (findValue(out, item.toString()) == null) {
            out.add(item);
          }
        }
        return out;
      }
    }
    return applied.deepCopy();
  }

  /** The object without the field, list item or set value at {@code path} (the object when absent). */
  JsonNode remove(JsonNode object, List<String> path) {
    JsonNode copy = object.deepCopy();
    List<String> target = path.get(path.size() - 1).equals(".") ? path.subList(0, path.size() - 1) : path;
    if (target.isEmpty()) {
      return copy;
    }
    JsonNode parent = valueAt(copy, target.subList(0, target.size() - 1));
    String last = target.get(target.size() - 1);
    if (parent == null) {
      return copy;
    }
    if (last.startsWith("f:") && parent instanceof ObjectNode o) {
      o.remove(last.substring(2));
    } else if ((last.startsWith("k:") || last.startsWith("v:")) && parent instanceof ArrayNode list) {
      String dotted = dotted(target.subList(0, target.size() - 1));
      for (int i = 0; i < list.size(); i++) {
        JsonNode item = list.get(i);
        boolean hit = last.startsWith("k:")
            ? schema.listStrategy(kind, dotted).map(s -> itemKey(dotted, s, item).equals(last)).orElse(false)
            : item.toString().equals(last.substring(2));
        if (hit) {
          list.remove(i);
          break;
        }
      }
    }
    return copy;
  }

  /** The dotted schema path of a field path ("spec.containers.ports"). */
  static String dotted(List<String> path) {
    StringBuilder out = new StringBuilder();
    for (String element : path) {
      if (element.startsWith("f:")) {
        out.append(out.length() == 0 ? "" : ".").append(element.substring(2));
      }
    }
    return out.toString();
  }

  static List<String> plus(List<String> path, String element) {
    List<String> out = new ArrayList<>(path);
    out.add(element);
    return List.copyOf(out);
  }

  static boolean same(JsonNode a, JsonNode b) {
    return a == null ? b == null : b != null && Json.json().valueToTree(a).equals(b);
  }
}
