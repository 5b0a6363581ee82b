package io.coxswain.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Applies a {@code $setElementOrder/<field>} directive. kubectl sends it so the merged list ends up
 * in the order of the user's manifest; elements the manifest does not mention (added by the server
 * or other clients) keep their relative order after the listed ones.
 */
final class ElementOrder {
    private ElementOrder() {}

    /**
     * @param order for keyed lists, objects carrying just the merge key; for scalar lists, values
     */
    static ArrayNode apply(ArrayNode list, JsonNode order, ListStrategy strategy, String path) {
        if (!order.isArray()) {
            throw new PatchException(Directives.SET_ELEMENT_ORDER + " for '" + path + "' must be a list");
        }
        List<JsonNode> remaining = new ArrayList<>();
        list.forEach(remaining::add);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode wanted : order) {
            JsonNode id = strategy.hasMergeKey() ? wanted.get(strategy.mergeKey()) : wanted;
            if (id == null) {
                throw new PatchException(Directives.SET_ELEMENT_ORDER + " for '" + path
                        + "' has an element without merge key '" + strategy.mergeKey() + "': " + wanted);
            }
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                JsonNode element = it.next();
                JsonNode elementId = strategy.hasMergeKey() ? element.get(strategy.mergeKey()) : element;
                if (JsonValues.same(elementId, id)) {
                    out.add(element);
                    it.remove();
                    break;
                }
            }
        }
        remaining.forEach(out::add);
        return out;
    }
}
