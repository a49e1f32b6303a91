package io.twinkit.query;

/** A binary arithmetic operator. */
public enum ArithmeticOperator {
    /** {@code +}. */
    ADD("+"),
    /** {@code -}. */
    SUBTRACT("-"),
    /** {@code *}. */
    MULTIPLY("*"),
    /** {@code /}. */
    DIVIDE("/"),
    /** {@code %}, with the sign of the dividend. */
    MODULO("%");

    private final String symbol;

    ArithmeticOperator(String symbol) {
        this.symbol = symbol;
    }

    /** Returns the operator as written in SQL. */
    public String symbol() {
        return symbol;
    }
}
