package io.coxswain.api.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed label selector: the AND of its requirements. Requirements are sorted by key (stable for
 * equal keys), as Kubernetes sorts them, so {@link #toString()} is a canonical form that can be
 * compared and echoed back to clients.
 */
public record LabelSelector(List<Requirement> requirements) {
    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public LabelSelector {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key));
        requirements = List.copyOf(sorted);
    }

    /**
     * Parses the {@code labelSelector} query parameter syntax. Blank input selects everything.
     *
     * @throws SelectorException with a message starting "unable to parse requirement:"
     */
    public static LabelSelector parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return EVERYTHING;
        }
        return new LabelSelector(LabelSelectorParser.parse(selector));
    }

    /** The selector that matches every object, including ones without labels. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /**
     * Equality selector from a map, as ReplicationController and Service selectors are written.
     * Keys and values go through the usual label syntax check, so a map that could not have passed
     * object validation throws {@link SelectorException}. An empty map selects everything, as in
     * Kubernetes; callers for which an empty selector must select nothing check that first.
     */
    public static LabelSelector fromMap(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return EVERYTHING;
        }
        return new LabelSelector(labels.entrySet().stream()
                .map(e -> new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())))
                .collect(Collectors.toList()));
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** Whether every requirement holds for {@code labels}; a null map is treated as no labels. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }
}
