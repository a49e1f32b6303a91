package io.twinkit.query;

import io.twinkit.core.json.JsonArray;
import java.util.Objects;

/**
 * {@code operand IN [v1, ...]} or, when negated, {@code operand NIN [...]}: the same as {@code operand = v1 OR ...},
 * and {@code NOT} of that.
 *
 * @param operand the tested value
 * @param negated whether this is {@code NIN}
 * @param values the non-empty list of strings, numbers and booleans
 */
public record InList(Expression operand, boolean negated, JsonArray values) implements Expression {

    /**
     * Creates a membership test.
     *
     * @throws InvalidQueryException if {@code values} is empty or holds something other than strings, numbers and
     *     booleans
     */
    public InList {
        Objects.requireNonNull(operand, "operand");
        Objects.requireNonNull(values, "values");
        SqlText.literal(values); // checks the array rules, with the same messages as rendering
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
