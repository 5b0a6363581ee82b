package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * JSON value equality as RFC 6902 defines it for {@code test}: numbers compare by numeric value, so
 * an int 1 equals a long 1 or 1.0. Jackson's own equals distinguishes node classes, which would make
 * a merge key or test depend on how the number happened to be parsed.
 */
final class JsonValues {
    private JsonValues() {}

    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!same(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
