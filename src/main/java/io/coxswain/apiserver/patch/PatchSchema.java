package io.coxswain.apiserver.patch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The strategic-merge metadata of the kinds we serve: for each kind, which list fields merge and by
 * what key. Paths are dotted field names from the object root with list positions left out, so the
 * ports of every container in a pod are all {@code spec.containers.ports}.
 */
public final class PatchSchema {
    private final Map<String, Map<String, ListStrategy>> byKind;

    private PatchSchema(Map<String, Map<String, ListStrategy>> byKind) {
        Map<String, Map<String, ListStrategy>> copy = new HashMap<>();
        byKind.forEach((kind, paths) -> copy.put(kind, Map.copyOf(paths)));
        this.byKind = Map.copyOf(copy);
    }

    /** The Kubernetes core/v1 kinds Coxswain serves, transcribed from the k8s.io/api struct tags. */
    public static PatchSchema kubernetesCoreV1() {
        return CoreV1PatchSchema.INSTANCE;
    }

    /** A schema that knows no kind: every list is replaced, as for a kind without tags. */
    public static PatchSchema empty() {
        return new PatchSchema(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The merge strategy of the list at {@code path} in {@code kind}; empty means "replace". */
    public Optional<ListStrategy> listStrategy(String kind, String path) {
        if (kind == null || path == null) {
            return Optional.empty(); // immutable maps reject null lookups
        }
        return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(path));
    }

    /** Collects list strategies kind by kind; paths may be registered under a shared prefix. */
    public static final class Builder {
        private final Map<String, Map<String, ListStrategy>> byKind = new HashMap<>();

        private Builder() {}

        public Builder list(String kind, String path, ListStrategy strategy) {
            byKind.computeIfAbsent(kind, k -> new HashMap<>()).put(path, strategy);
            return this;
        }

        public PatchSchema build() {
            return new PatchSchema(byKind);
        }
    }
}
