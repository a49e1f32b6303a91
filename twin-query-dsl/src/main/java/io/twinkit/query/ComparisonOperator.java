package io.twinkit.query;

/** A comparison operator. {@code <>} is read as {@link #NOT_EQUAL} and written as {@code !=}. */
public enum ComparisonOperator {
    /** {@code =}. */
    EQUAL("="),
    /** {@code !=} (also {@code <>}). */
    NOT_EQUAL("!="),
    /** {@code <}. */
    LESS("<"),
    /** {@code <=}. */
    LESS_OR_EQUAL("<="),
    /** {@code >}. */
    GREATER(">"),
    /** {@code >=}. */
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** Returns the operator as written in SQL. */
    public String symbol() {
        return symbol;
    }
}
