package io.twinkit.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code a OR b OR ...}: an n-ary Or. Nested Ors are flattened when built, so that
 * {@code (a OR b) OR c} and {@code a OR (b OR c)} are the same tree, the one the parser also builds.
 *
 * @param operands two or more operands, none of them an Or
 */
public record Or(List<Expression> operands) implements Expression {

    /**
     * Creates the Or, flattening nested Ors.
     *
     * @throws InvalidQueryException if there are fewer than two operands after flattening
     */
    public Or {
        List<Expression> flat = new ArrayList<>();
        for (Expression operand : operands) {
            Objects.requireNonNull(operand, "operand");
            if (operand instanceof Or nested) {
                flat.addAll(nested.operands());
            } else {
                flat.add(operand);
            }
        }
        if (flat.size() < 2) {
            throw new InvalidQueryException("OR needs at least two operands");
        }
        operands = List.copyOf(flat);
    }

    /** Returns the Or of the given operands. */
    public static Or of(Expression first, Expression second, Expression... more) {
        List<Expression> all = new ArrayList<>(List.of(first, second));
        all.addAll(List.of(more));
        return new Or(all);
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
