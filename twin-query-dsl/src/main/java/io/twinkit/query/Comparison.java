package io.twinkit.query;

import java.util.Objects;

/**
 * {@code left op right}. Numbers compare numerically and strings by code point (case-sensitive); booleans and
 * {@code null} support only {@code =} and {@code !=}. Undefined when either side is undefined, the sides have
 * different types, or either is an object or array.
 *
 * @param left the left operand
 * @param operator the operator
 * @param right the right operand
 */
public record Comparison(Expression left, ComparisonOperator operator, Expression right) implements Expression {

    /** Creates a comparison. */
    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(right, "right");
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
