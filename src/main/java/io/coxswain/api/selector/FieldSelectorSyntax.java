package io.coxswain.api.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * The text syntax of field selectors, following Kubernetes' {@code fields.ParseSelector}: terms
 * split on unescaped commas, each term split at its first unescaped operator ({@code !=} and
 * {@code ==} tried before {@code =}), and values unescaped.
 */
final class FieldSelectorSyntax {
    private static final String[] OPERATORS = {"!=", "==", "="};

    private FieldSelectorSyntax() {}

    static List<FieldSelector.Term> parse(String selector) {
        List<String> parts = splitTerms(selector);
        parts.sort(null);
        List<FieldSelector.Term> terms = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            terms.add(term(selector, part));
        }
        return terms;
    }

    private static FieldSelector.Term term(String selector, String part) {
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) == '\\') {
                i++; // the escaped character can never start an operator
                continue;
            }
            for (String op : OPERATORS) {
                if (part.startsWith(op, i)) {
                    String value = unescape(part.substring(i + op.length()));
                    return new FieldSelector.Term(part.substring(0, i), !op.equals("!="), value);
                }
            }
        }
        throw new SelectorException("invalid selector: '" + selector + "'; can't understand '" + part + "'");
    }

    private static List<String> splitTerms(String selector) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (char c : selector.toCharArray()) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    /** Reverses {@link #escape}; a bare {@code ,} or {@code =} in a value is an error, not data. */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean escaped = false;
        for (char c : value.toCharArray()) {
            if (escaped) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new SelectorException("invalid field selector: invalid escape sequence: \\" + c);
                }
                out.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',' || c == '=') {
                throw new SelectorException("invalid field selector: unescaped character in value: " + c);
            } else {
                out.append(c);
            }
        }
        if (escaped) {
            throw new SelectorException("invalid field selector: unterminated escape sequence at end of value");
        }
        return out.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}
