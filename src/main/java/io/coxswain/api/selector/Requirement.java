package io.coxswain.api.selector;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One clause of a label selector, e.g. {@code tier in (web,api)}. Values are kept sorted and
 * de-duplicated, as Kubernetes keeps them in a set, so two equal clauses print identically.
 */
public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
        values = List.copyOf(new TreeSet<>(values));
        LabelSyntax.keyProblem(key).ifPresent(p -> {
            throw new SelectorException("invalid label key \"" + key + "\": " + p);
        });
        switch (operator) {
            case IN, NOT_IN -> require(!values.isEmpty(), "for 'in', 'notin' operators, values set can't be empty");
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS ->
                    require(values.size() == 1, "exact-match compatibility requires one single value");
            case EXISTS, DOES_NOT_EXIST ->
                    require(values.isEmpty(), "values set must be empty for exists and does not exist");
            case GREATER_THAN, LESS_THAN -> {
                require(values.size() == 1, "for 'Gt', 'Lt' operators, exactly one value is required");
                require(parseLong(values.get(0)) != null,
                        "for 'Gt', 'Lt' operators, the value must be an integer");
            }
        }
        for (String value : values) {
            LabelSyntax.valueProblem(value).ifPresent(p -> {
                throw new SelectorException("invalid label value \"" + value + "\": " + p);
            });
        }
    }

    /** Whether labels satisfy this clause. Negative operators accept objects lacking the key. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        return switch (operator) {
            case EQUALS, DOUBLE_EQUALS, IN -> actual != null && values.contains(actual);
            case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
            case EXISTS -> actual != null;
            case DOES_NOT_EXIST -> actual == null;
            case GREATER_THAN, LESS_THAN -> compareNumbers(actual);
        };
    }

    private boolean compareNumbers(String actual) {
        Long have = actual == null ? null : parseLong(actual);
        if (have == null) {
            return false;
        }
        long want = parseLong(values.get(0));
        return operator == Operator.GREATER_THAN ? have > want : have < want;
    }

    @Override
    public String toString() {
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + " " + operator.symbol() + " (" + String.join(",", values) + ")";
            default -> key + operator.symbol() + values.get(0);
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new SelectorException(message);
        }
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
