package io.twinkit.query.ast;

import io.twinkit.query.sql.SqlWriter;
import java.util.Objects;

/**
 * {@code left op right}. Undefined when either side is undefined or the sides have different types; only numbers,
 * strings (ordinal, case-sensitive) and booleans ({@code =}, {@code !=} only) compare.
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
