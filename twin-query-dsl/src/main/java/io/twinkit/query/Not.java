package io.twinkit.query;

import java.util.Objects;

/**
 * {@code NOT operand}: true for false, false for true, undefined for undefined (and for any non-boolean), so
 * {@code NOT (x = 1)} does not match twins without {@code x}.
 *
 * @param operand the negated condition
 */
public record Not(Expression operand) implements Expression {

    /** Creates a negation. */
    public Not {
        Objects.requireNonNull(operand, "operand");
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
