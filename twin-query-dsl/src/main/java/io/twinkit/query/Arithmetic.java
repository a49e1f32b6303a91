package io.twinkit.query;

import java.util.Objects;

/**
 * {@code left op right} on numbers; undefined for any other operands and for a zero divisor.
 *
 * @param left the left operand
 * @param operator the operator
 * @param right the right operand
 */
public record Arithmetic(Expression left, ArithmeticOperator operator, Expression right) implements Expression {

    /** Creates an arithmetic expression. */
    public Arithmetic {
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
