package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON Patch (RFC 6902), the {@code application/json-patch+json} content type. Operations run in
 * order on a private copy; the first failing one (including a failed {@code test}) aborts the whole
 * patch, so callers never see a half-applied document.
 */
public final class JsonPatch {
    private JsonPatch() {}

    /** Returns the patched document; neither argument is modified. */
    public static JsonNode apply(JsonNode target, JsonNode patchArray) {
        if (patchArray == null || !patchArray.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations");
        }
        JsonNode doc = target == null ? null : target.deepCopy();
        for (int i = 0; i < patchArray.size(); i++) {
            JsonNode op = patchArray.get(i);
            try {
                doc = applyOne(doc, op);
            } catch (PatchException e) {
                throw new PatchException("JSON patch operation " + i + " " + describe(op) + ": " + e.getMessage());
            }
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op) {
        if (!op.isObject()) {
            throw new PatchException("operation must be an object");
        }
        JsonPointer path = JsonPointer.parse(requiredText(op, "path"));
        String name = requiredText(op, "op");
        return switch (name) {
            case "add" -> add(doc, path, requiredValue(op).deepCopy());
            case "remove" -> remove(doc, path);
            case "replace" -> replace(doc, path, requiredValue(op).deepCopy());
            case "move" -> move(doc, JsonPointer.parse(requiredText(op, "from")), path);
            case "copy" -> add(doc, path, existing(doc, JsonPointer.parse(requiredText(op, "from"))).deepCopy());
            case "test" -> test(doc, path, requiredValue(op));
            default -> throw new PatchException("unknown operation '" + name + "'");
        };
    }

    private static JsonNode add(JsonNode doc, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = find(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else if (parent instanceof ArrayNode array) {
            if (path.last().equals("-")) {
                array.add(value);
            } else {
                array.insert(index(path, array.size()), value);
            }
        } else {
            throw new PatchException("parent of path '" + path + "' does not exist or is not a container");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, JsonPointer path) {
        if (path.isRoot()) {
            throw new PatchException("cannot remove the whole document");
        }
        existing(doc, path);
        JsonNode parent = find(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.remove(path.last());
        } else {
            ((ArrayNode) parent).remove(index(path, parent.size() - 1));
        }
        return doc;
    }

    private static JsonNode replace(JsonNode doc, JsonPointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        existing(doc, path);
        JsonNode parent = find(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else {
            ((ArrayNode) parent).set(index(path, parent.size() - 1), value);
        }
        return doc;
    }

    private static JsonNode move(JsonNode doc, JsonPointer from, JsonPointer path) {
        if (path.isInside(from)) {
            throw new PatchException("cannot move '" + from + "' into its own child '" + path + "'");
        }
        JsonNode value = existing(doc, from);
        if (from.equals(path)) {
            return doc;
        }
        return add(remove(doc, from), path, value);
    }

    private static JsonNode test(JsonNode doc, JsonPointer path, JsonNode expected) {
        JsonNode actual = find(doc, path);
        if (!JsonValues.same(actual, expected)) {
            throw new PatchException("test failed: value at '" + path + "' is "
                    + (actual == null ? "absent" : actual.toString()) + ", expected " + expected);
        }
        return doc;
    }

    /** The node at {@code path}, or null when any step is missing. */
    private static JsonNode find(JsonNode doc, JsonPointer path) {
        JsonNode node = doc;
        for (String token : path.tokens()) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                Integer i = parseIndex(token);
                node = i == null || i >= node.size() ? null : node.get(i);
            } else {
                return null;
            }
        }
        return node;
    }

    private static JsonNode existing(JsonNode doc, JsonPointer path) {
        JsonNode node = find(doc, path);
        if (node == null) {
            throw new PatchException("path '" + path + "' does not exist");
        }
        return node;
    }

    /** Array index for the last token of {@code path}; {@code max} is the largest index allowed. */
    private static int index(JsonPointer path, int max) {
        Integer i = parseIndex(path.last());
        if (i == null || i > max) {
            throw new PatchException("array index '" + path.last() + "' in '" + path + "' is out of bounds");
        }
        return i;
    }

    /** RFC 6901 indices are "0" or digits without a leading zero; anything else names no element. */
    private static Integer parseIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(token);
    }

    private static String requiredText(JsonNode op, String member) {
        JsonNode v = op.get(member);
        if (v == null || !v.isTextual()) {
            throw new PatchException("member '" + member + "' is missing or not a string");
        }
        return v.asText();
    }

    /** "value" may legitimately be JSON null, so presence is what is checked. */
    private static JsonNode requiredValue(JsonNode op) {
        JsonNode v = op.get("value");
        if (v == null) {
            throw new PatchException("member 'value' is missing");
        }
        return v;
    }

    private static String describe(JsonNode op) {
        return "(" + op.path("op").asText("?") + " " + op.path("path").asText("?") + ")";
    }
}
