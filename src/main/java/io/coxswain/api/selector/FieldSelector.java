package io.coxswain.api.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed field selector such as {@code metadata.name=web,status.phase!=Running}: the AND of
 * equality and inequality terms on field paths. Values may contain {@code \,}, {@code \=} and
 * {@code \\} escapes. Which fields are allowed depends on the resource, so this class only parses
 * and matches; callers check {@link #fields()} and answer 400 for unsupported ones.
 */
public record FieldSelector(List<Term> terms) {
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** {@code field=value} when {@code equal}, otherwise {@code field!=value}. */
    public record Term(String field, boolean equal, String value) {
        public boolean matches(Function<String, String> fieldValue) {
            String actual = fieldValue.apply(field);
            return (actual == null ? "" : actual).equals(value) == equal;
        }

        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + FieldSelectorSyntax.escape(value);
        }
    }

    public FieldSelector {
        terms = List.copyOf(terms);
    }

    /**
     * Parses the {@code fieldSelector} query parameter syntax; blank input selects everything.
     * Terms are sorted by their raw text first, as Kubernetes does, which makes toString canonical.
     */
    public static FieldSelector parse(String selector) {
        if (selector == null || selector.isEmpty()) {
            return EVERYTHING;
        }
        return new FieldSelector(FieldSelectorSyntax.parse(selector));
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** The selector {@code field=value}, e.g. {@code metadata.name} for a single-object watch. */
    public static FieldSelector equal(String field, String value) {
        return new FieldSelector(List.of(new Term(field, true, value)));
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /** The field paths this selector mentions, in order of first mention. */
    public Set<String> fields() {
        return terms.stream().map(Term::field).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The value {@code field} must equal, when the selector pins it with a single {@code =} term and
     * mentions it nowhere else; lets a caller use an index (e.g. spec.nodeName) instead of a scan.
     */
    public Optional<String> requiresExactMatch(String field) {
        List<Term> mentions = new ArrayList<>();
        for (Term t : terms) {
            if (t.field.equals(field)) {
                mentions.add(t);
            }
        }
        return mentions.size() == 1 && mentions.get(0).equal
                ? Optional.of(mentions.get(0).value) : Optional.empty();
    }

    /** @param fieldValue the object's value for a field path; null means absent and reads as "". */
    public boolean matches(Function<String, String> fieldValue) {
        for (Term t : terms) {
            if (!t.matches(fieldValue)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }
}
