package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code $}-prefixed instructions a strategic merge patch may carry. They steer the merge and
 * must never be stored, so {@link #strip} removes any that survive (e.g. inside a replaced value).
 */
final class Directives {
    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    static final String REPLACE = "replace";
    static final String DELETE = "delete";
    static final String MERGE = "merge";

    private Directives() {}

    static boolean isDirective(String key) {
        return key.equals(PATCH) || key.equals(RETAIN_KEYS)
                || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    }

    /** The {@code $patch} value of a map, or null when it has none. */
    static String patchType(ObjectNode map) {
        JsonNode v = map.get(PATCH);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !List.of(REPLACE, DELETE, MERGE).contains(v.asText())) {
            throw new PatchException("unknown patch type " + v + " in " + map);
        }
        return v.asText();
    }

    /** Removes directive keys, and list elements that are directives, from an owned tree in place. */
    static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (isDirective(e.getKey())) {
                    drop.add(e.getKey());
                } else {
                    strip(e.getValue());
                }
            }
            object.remove(drop);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (array.get(i).has(PATCH)) {
                    array.remove(i);
                } else {
                    strip(array.get(i));
                }
            }
        }
        return node;
    }
}
