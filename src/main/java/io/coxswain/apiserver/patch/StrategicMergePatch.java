package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), as sent by
 * {@code kubectl apply}, {@code edit} and {@code patch}. Maps merge recursively and null deletes a
 * key; lists merge by the key the {@link PatchSchema} names, or are replaced when it names none.
 * Supported directives: {@code $patch} (replace, delete, merge), {@code $retainKeys},
 * {@code $setElementOrder/<field>} and {@code $deleteFromPrimitiveList/<field>}. None of them is
 * left in the result.
 */
public final class StrategicMergePatch {
    private StrategicMergePatch() {}

    /**
     * Returns the patched object; neither {@code target} nor {@code patch} is modified.
     *
     * @param rootKind the object's kind (e.g. "Pod"), which selects the list strategies
     */
    public static JsonNode apply(JsonNode target, JsonNode patch, PatchSchema schema, String rootKind) {
        if (patch == null || !patch.isObject()) {
            throw new PatchException("a strategic merge patch must be a JSON object");
        }
        if (target != null && !target.isObject() && !target.isNull()) {
            throw new PatchException("a strategic merge patch can only be applied to a JSON object");
        }
        ObjectNode original = target instanceof ObjectNode o ? o.deepCopy() : null;
        ObjectNode merged = new StrategicMerger(schema, rootKind).mergeMap(original, (ObjectNode) patch, "");
        // "$patch: delete" at the top leaves an empty object, as Kubernetes does.
        return Directives.strip(merged == null ? JsonNodeFactory.instance.objectNode() : merged);
    }
}
