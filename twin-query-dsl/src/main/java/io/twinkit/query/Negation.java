package io.twinkit.query;

import java.util.Objects;

/**
 * Unary minus, {@code -operand}, of a non-literal. A minus directly before a number is part of the
 * {@link Literal} ({@code -70} is {@code Literal.of(-70)}).
 *
 * @param operand the negated value
 */
public record Negation(Expression operand) implements Expression {

    /** Creates a negation. */
    public Negation {
        Objects.requireNonNull(operand, "operand");
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
