package io.twinkit.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of arithmetic in a condition, such as {@code reported("temperature").times(2)}: a {@link Numeric} that
 * compares with numbers and takes part in further arithmetic. Undefined when an operand is not a number or a divisor
 * is zero.
 *
 * <p>Immutable and thread-safe. Equality is structural; {@code toString()} is the SQL text.
 */
public final class NumberExpression implements Numeric {

    private final Expression expression;

    NumberExpression(Expression expression) {
        this.expression = Objects.requireNonNull(expression, "expression");
    }

    /** Returns the query tree of the arithmetic. */
    @Override
    public Expression expression() {
        return expression;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof NumberExpression other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** Returns the SQL text, such as {@code properties.reported.temperature * 2}. */
    @Override
    public String toString() {
        return SqlWriter.render(expression);
    }
}
