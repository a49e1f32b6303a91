package io.twinkit.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code a AND b AND ...}: an n-ary And. Nested Ands are flattened when built, so that
 * {@code (a AND b) AND c} and {@code a AND (b AND c)} are the same tree, the one the parser also builds.
 *
 * @param operands two or more operands, none of them an And
 */
public record And(List<Expression> operands) implements Expression {

    /**
     * Creates the And, flattening nested Ands.
     *
     * @throws InvalidQueryException if there are fewer than two operands after flattening
     */
    public And {
        List<Expression> flat = new ArrayList<>();
        for (Expression operand : operands) {
            Objects.requireNonNull(operand, "operand");
            if (operand instanceof And nested) {
                flat.addAll(nested.operands());
            } else {
                flat.add(operand);
            }
        }
        if (flat.size() < 2) {
            throw new InvalidQueryException("AND needs at least two operands");
        }
        operands = List.copyOf(flat);
    }

    /** Returns the And of the given operands. */
    public static And of(Expression first, Expression second, Expression... more) {
        List<Expression> all = new ArrayList<>(List.of(first, second));
        all.addAll(List.of(more));
        return new And(all);
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
