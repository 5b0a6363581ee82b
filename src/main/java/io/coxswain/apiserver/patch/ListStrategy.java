package io.coxswain.apiserver.patch;

/**
 * How a strategic merge patch combines a list field, from the field's {@code patchStrategy:"merge"}
 * tag in the Kubernetes Go types. Lists without such a tag have no ListStrategy and are replaced.
 *
 * @param mergeKey the element field that identifies list entries ({@code patchMergeKey}), or null
 *                 for a list of scalars (e.g. finalizers), which is merged as a set union
 */
public record ListStrategy(String mergeKey) {

    public static ListStrategy byKey(String mergeKey) {
        if (mergeKey == null || mergeKey.isEmpty()) {
            throw new IllegalArgumentException("merge key must be non-empty");
        }
        return new ListStrategy(mergeKey);
    }

    public static ListStrategy scalarSet() {
        return new ListStrategy(null);
    }

    public boolean hasMergeKey() {
        return mergeKey != null;
    }
}
