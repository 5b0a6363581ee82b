package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The recursive core of {@link StrategicMergePatch}. Works on an owned copy of the target, changing
 * it in place, and only ever reads the patch (patch values are copied in), so nothing passed in by a
 * caller is modified.
 */
final class StrategicMerger {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PatchSchema schema;
    private final String kind;

    StrategicMerger(PatchSchema schema, String kind) {
        this.schema = schema;
        this.kind = kind;
    }

    /**
     * @param original owned by the merge, or null when the target has no map here
     * @param path     dotted field path of this map from the object root, "" for the root
     * @return the merged map, or null when the patch deletes the whole map
     */
    ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        String type = Directives.patchType(patch);
        if (Directives.DELETE.equals(type)) {
            return null;
        }
        if (Directives.REPLACE.equals(type)) {
            ObjectNode replacement = patch.deepCopy();
            replacement.remove(Directives.PATCH);
            return replacement;
        }
        ObjectNode result = original != null ? original : NODES.objectNode();
        retainKeys(result, patch);
        deleteFromPrimitiveLists(result, patch, path);
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (Directives.isDirective(key)) {
                continue;
            }
            JsonNode value = e.getValue();
            JsonNode current = result.get(key);
            String child = path.isEmpty() ? key : path + "." + key;
            if (value.isNull()) {
                result.remove(key);
            } else if (value instanceof ObjectNode map) {
                ObjectNode merged = mergeMap(current instanceof ObjectNode o ? o : null, map, child);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value instanceof ArrayNode list) {
                result.set(key, mergeList(current instanceof ArrayNode a ? a : null, list, child));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        applyElementOrders(result, patch, path);
        return result;
    }

    /** Lists without a merge strategy are atomic: the patch's list wins outright. */
    private ArrayNode mergeList(ArrayNode original, ArrayNode patch, String path) {
        Optional<ListStrategy> strategy = schema.listStrategy(kind, path);
        if (strategy.isEmpty()) {
            return patch.deepCopy();
        }
        ArrayNode result = original != null ? original : NODES.arrayNode();
        if (!strategy.get().hasMergeKey()) {
            return unionScalars(result, patch, path);
        }
        return mergeByKey(result, patch, strategy.get().mergeKey(), path);
    }

    private static ArrayNode unionScalars(ArrayNode result, ArrayNode patch, String path) {
        for (JsonNode value : patch) {
            if (value.isContainerNode()) {
                throw new PatchException("list '" + path + "' merges plain values but the patch holds " + value);
            }
            if (indexOf(result, null, value) < 0) {
                result.add(value.deepCopy());
            }
        }
        return result;
    }

    /**
     * Element-wise merge: {@code $patch} elements are handled first (delete by key, or replace the
     * whole list), then each patch element is merged into the element with the same key or appended.
     */
    private ArrayNode mergeByKey(ArrayNode result, ArrayNode patch, String mergeKey, String path) {
        List<ObjectNode> elements = new ArrayList<>();
        boolean replace = false;
        for (JsonNode value : patch) {
            if (!(value instanceof ObjectNode element)) {
                throw new PatchException("list '" + path + "' needs objects with merge key '" + mergeKey
                        + "' but the patch holds " + value);
            }
            String type = Directives.patchType(element);
            if (type == null) {
                elements.add(element);
            } else if (type.equals(Directives.DELETE)) {
                JsonNode id = requireKey(element, mergeKey, path);
                int at;
                while ((at = indexOf(result, mergeKey, id)) >= 0) {
                    result.remove(at);
                }
            } else if (type.equals(Directives.REPLACE)) {
                replace = true;
            }
            // "$patch: merge" is the default behaviour, so such an element only marks intent.
        }
        if (replace) {
            result = NODES.arrayNode();
        }
        for (ObjectNode element : elements) {
            int at = indexOf(result, mergeKey, requireKey(element, mergeKey, path));
            if (at >= 0) {
                result.set(at, mergeMap((ObjectNode) result.get(at), element, path));
            } else {
                result.add(mergeMap(null, element, path));
            }
        }
        return result;
    }

    /** {@code $retainKeys}: drop every key of the original map that the list does not name. */
    private static void retainKeys(ObjectNode result, ObjectNode patch) {
        JsonNode keep = patch.get(Directives.RETAIN_KEYS);
        if (keep == null) {
            return;
        }
        if (!keep.isArray()) {
            throw new PatchException(Directives.RETAIN_KEYS + " must be a list of field names");
        }
        Set<String> names = new HashSet<>();
        keep.forEach(n -> names.add(n.asText()));
        List<String> drop = new ArrayList<>();
        result.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                drop.add(name);
            }
        });
        result.remove(drop);
    }

    /** Runs before the regular merge so a patch can both remove and add values of one list. */
    private static void deleteFromPrimitiveLists(ObjectNode result, ObjectNode patch, String path) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (!e.getKey().startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)) {
                continue;
            }
            String field = e.getKey().substring(Directives.DELETE_FROM_PRIMITIVE_LIST.length());
            if (!e.getValue().isArray()) {
                throw new PatchException(e.getKey() + " at '" + path + "' must be a list");
            }
            if (result.get(field) instanceof ArrayNode list) {
                for (JsonNode gone : e.getValue()) {
                    int at;
                    while ((at = indexOf(list, null, gone)) >= 0) {
                        list.remove(at);
                    }
                }
            }
        }
    }

    /** Runs after the merge, since the order covers elements the patch itself just added. */
    private void applyElementOrders(ObjectNode result, ObjectNode patch, String path) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (!e.getKey().startsWith(Directives.SET_ELEMENT_ORDER)) {
                continue;
            }
            String field = e.getKey().substring(Directives.SET_ELEMENT_ORDER.length());
            String fieldPath = path.isEmpty() ? field : path + "." + field;
            Optional<ListStrategy> strategy = schema.listStrategy(kind, fieldPath);
            // An order for an atomic list is meaningless: the patch already gave the full list.
            if (strategy.isPresent() && result.get(field) instanceof ArrayNode list) {
                result.set(field, ElementOrder.apply(list, e.getValue(), strategy.get(), fieldPath));
            }
        }
    }

    private static JsonNode requireKey(ObjectNode element, String mergeKey, String path) {
        JsonNode id = element.get(mergeKey);
        if (id == null || id.isNull()) {
            throw new PatchException("element of list '" + path + "' lacks merge key '" + mergeKey + "': " + element);
        }
        return id;
    }

    /** Index of the element whose merge key (or, with a null key, whose own value) equals {@code id}. */
    private static int indexOf(ArrayNode list, String mergeKey, JsonNode id) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode candidate = mergeKey == null ? list.get(i) : list.get(i).get(mergeKey);
            if (JsonValues.same(candidate, id)) {
                return i;
            }
        }
        return -1;
    }
}
