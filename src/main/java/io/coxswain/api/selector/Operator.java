package io.coxswain.api.selector;

/**
 * Operators of a label selector requirement. {@code EQUALS} and {@code DOUBLE_EQUALS} match the
 * same labels; they are kept apart only so a parsed selector prints back the way it was written.
 */
public enum Operator {
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    IN("in"),
    NOT_IN("notin"),
    EXISTS(""),
    DOES_NOT_EXIST("!"),
    GREATER_THAN(">"),
    LESS_THAN("<");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The text that stands for this operator in a selector string. */
    public String symbol() {
        return symbol;
    }
}
