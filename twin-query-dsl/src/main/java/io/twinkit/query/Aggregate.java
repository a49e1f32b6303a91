package io.twinkit.query;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate of the {@code SELECT} list: {@code COUNT()}, or {@code AVG}, {@code SUM}, {@code MIN}, {@code MAX} of
 * a path (numeric values only; an aggregate with no numeric input is left out of its row).
 *
 * @param function the aggregate
 * @param path its argument; {@code null} exactly for {@code COUNT()}
 */
public record Aggregate(AggregateFunction function, @Nullable QueryPath path) implements Selectable {

    /**
     * Creates an aggregate.
     *
     * @throws InvalidQueryException if {@code COUNT} is given a path or another aggregate is not
     */
    public Aggregate {
        Objects.requireNonNull(function, "function");
        if (function.takesPath() != (path != null)) {
            throw new InvalidQueryException(function.takesPath() ? function + " needs a path argument"
                    : "COUNT() takes no argument");
        }
    }

    /** Returns {@code COUNT()}. */
    public static Aggregate count() {
        return new Aggregate(AggregateFunction.COUNT, null);
    }

    /** Returns the argument path; empty for {@code COUNT()}. */
    public Optional<QueryPath> argument() {
        return Optional.ofNullable(path);
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
