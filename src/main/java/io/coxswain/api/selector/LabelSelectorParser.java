package io.coxswain.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser for the label selector grammar of Kubernetes' {@code labels.Parse}:
 * <pre>
 *   selector    := [ requirement { "," requirement } ]
 *   requirement := [ "!" ] key
 *                | key ( "=" | "==" | "!=" | ">" | "<" ) [ value ]
 *                | key ( "in" | "notin" ) "(" [ value { "," value } ] ")"
 * </pre>
 * A missing value means the empty string, so {@code a=} and {@code a in (,x)} are legal.
 */
final class LabelSelectorParser {
    private enum Kind { IDENTIFIER, BANG, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, IN, NOT_IN,
        OPEN, CLOSE, COMMA, END }

    private record Token(Kind kind, String text) {}

    private final List<Token> tokens;
    private int next;

    private LabelSelectorParser(String input) {
        this.tokens = lex(input);
    }

    static List<Requirement> parse(String input) {
        try {
            return new LabelSelectorParser(input).selector();
        } catch (SelectorException e) {
            throw new SelectorException("unable to parse requirement: " + e.getMessage());
        }
    }

    private List<Requirement> selector() {
        List<Requirement> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind == Kind.END) {
                return out;
            }
            if (t.kind != Kind.IDENTIFIER && t.kind != Kind.BANG) {
                throw found(t, "!, identifier, or 'end of string'");
            }
            out.add(requirement());
            Token after = take();
            if (after.kind == Kind.END) {
                return out;
            }
            if (after.kind != Kind.COMMA) {
                throw found(after, "',' or 'end of string'");
            }
            Token head = peek();
            if (head.kind != Kind.IDENTIFIER && head.kind != Kind.BANG) {
                throw found(head, "identifier after ','");
            }
        }
    }

    private Requirement requirement() {
        boolean negated = false;
        Token t = take();
        if (t.kind == Kind.BANG) {
            negated = true;
            t = take();
        }
        if (t.kind != Kind.IDENTIFIER) {
            throw found(t, "identifier");
        }
        String key = t.text;
        Kind following = peek().kind;
        // "!key" is complete by itself; anything after it is caught by selector() as a bad separator.
        if (negated || following == Kind.END || following == Kind.COMMA) {
            return new Requirement(key, negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS, List.of());
        }
        Token op = takeOperator();
        return switch (op.kind) {
            case IN -> new Requirement(key, Operator.IN, valueList());
            case NOT_IN -> new Requirement(key, Operator.NOT_IN, valueList());
            case EQUALS -> new Requirement(key, Operator.EQUALS, List.of(exactValue()));
            case DOUBLE_EQUALS -> new Requirement(key, Operator.DOUBLE_EQUALS, List.of(exactValue()));
            case NOT_EQUALS -> new Requirement(key, Operator.NOT_EQUALS, List.of(exactValue()));
            case GREATER -> new Requirement(key, Operator.GREATER_THAN, List.of(exactValue()));
            case LESS -> new Requirement(key, Operator.LESS_THAN, List.of(exactValue()));
            default -> throw new IllegalStateException(op.toString());
        };
    }

    /** Operators are the one place where "in" and "notin" are keywords rather than plain words. */
    private Token takeOperator() {
        Token t = tokens.get(next++);
        return switch (t.kind) {
            case IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS -> t;
            default -> throw found(t, "[!=, ==, =, >, <, in, notin]");
        };
    }

    private String exactValue() {
        Token t = peek();
        if (t.kind == Kind.END || t.kind == Kind.COMMA) {
            return "";
        }
        take();
        if (t.kind != Kind.IDENTIFIER) {
            throw found(t, "identifier");
        }
        return t.text;
    }

    /** Parses {@code ( v1, v2 )}; an empty slot between commas or parentheses is the empty value. */
    private List<String> valueList() {
        Token open = take();
        if (open.kind != Kind.OPEN) {
            throw found(open, "'('");
        }
        TreeSet<String> values = new TreeSet<>();
        boolean expectValue = true;
        while (true) {
            Token t = take();
            switch (t.kind) {
                case IDENTIFIER -> {
                    if (!expectValue) {
                        throw found(t, "',' or ')'");
                    }
                    values.add(t.text);
                    expectValue = false;
                }
                case COMMA -> {
                    if (expectValue) {
                        values.add("");
                    }
                    expectValue = true;
                }
                case CLOSE -> {
                    if (expectValue) {
                        values.add("");
                    }
                    return List.copyOf(values);
                }
                default -> throw found(t, expectValue ? "',', ')' or identifier" : "',' or ')'");
            }
        }
    }

    /** Tokens after the key are read in "values" mode, where keywords are ordinary identifiers. */
    private Token take() {
        Token t = tokens.get(next);
        if (t.kind != Kind.END) {
            next++;
        }
        return asValue(t);
    }

    private Token peek() {
        return asValue(tokens.get(next));
    }

    private static Token asValue(Token t) {
        return t.kind == Kind.IN || t.kind == Kind.NOT_IN ? new Token(Kind.IDENTIFIER, t.text) : t;
    }

    private static SelectorException found(Token t, String expected) {
        return new SelectorException("found '" + t.text + "', expected: " + expected);
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isSpecial(c)) {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("==")) {
                    out.add(new Token(two.equals("!=") ? Kind.NOT_EQUALS : Kind.DOUBLE_EQUALS, two));
                    i += 2;
                } else {
                    out.add(new Token(symbol(c), String.valueOf(c)));
                    i++;
                }
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && !isSpecial(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i);
                Kind kind = switch (word) {
                    case "in" -> Kind.IN;
                    case "notin" -> Kind.NOT_IN;
                    default -> Kind.IDENTIFIER;
                };
                out.add(new Token(kind, word));
            }
        }
        out.add(new Token(Kind.END, ""));
        return out;
    }

    private static boolean isSpecial(char c) {
        return "!=(),<>".indexOf(c) >= 0;
    }

    private static Kind symbol(char c) {
        return switch (c) {
            case '!' -> Kind.BANG;
            case '=' -> Kind.EQUALS;
            case '(' -> Kind.OPEN;
            case ')' -> Kind.CLOSE;
            case ',' -> Kind.COMMA;
            case '<' -> Kind.LESS;
            case '>' -> Kind.GREATER;
            default -> throw new IllegalArgumentException(String.valueOf(c));
        };
    }
}
