package io.twinkit.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition for a {@code WHERE} clause, as the DSL builds it: a query-tree {@link Expression} with fluent
 * {@code and}, {@code or} and {@code not}.
 *
 * <pre>{@code
 * tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular"))
 * // tags.location.plant = 'Redmond43' AND properties.reported.connectivity.type = 'cellular'
 * }</pre>
 *
 * <p>Immutable and thread-safe: each call returns a new condition. Equality is structural; {@code toString()} is the
 * SQL text.
 */
public final class Condition {

    private final Expression expression;

    private Condition(Expression expression) {
        this.expression = expression;
    }

    /** Returns a condition for a query-tree expression. */
    public static Condition of(Expression expression) {
        return new Condition(Objects.requireNonNull(expression, "expression"));
    }

    /** Returns the query tree of this condition. */
    public Expression expression() {
        return expression;
    }

    /** Returns {@code this AND other}. */
    public Condition and(Condition other) {
        return new Condition(And.of(expression, other.expression));
    }

    /** Returns {@code this OR other}. */
    public Condition or(Condition other) {
        return new Condition(Or.of(expression, other.expression));
    }

    /** Returns {@code NOT this}: undefined, so not matching, wherever this is undefined (a missing property). */
    public Condition not() {
        return new Condition(new Not(expression));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof Condition other && expression.equals(other.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** Returns the SQL text of the condition. */
    @Override
    public String toString() {
        return SqlWriter.render(expression);
    }
}
