package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7386), the {@code application/merge-patch+json} content type that
 * {@code kubectl label/annotate} send. Objects merge recursively, null removes a member, and any
 * other value (including arrays) replaces the target wholesale.
 */
public final class JsonMergePatch {
    private JsonMergePatch() {}

    /** Returns the patched document; neither argument is modified. A null target reads as absent. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null) {
            throw new PatchException("merge patch must not be null");
        }
        return merge(target == null ? null : target.deepCopy(), patch);
    }

    /** @param target owned by this call and changed in place; null when absent */
    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}
