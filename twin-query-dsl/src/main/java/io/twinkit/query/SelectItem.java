package io.twinkit.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An item of a {@code SELECT} list with its alias, such as {@code COUNT() AS n} from {@code count().as("n")} or
 * {@code properties.reported.temperature AS t} from {@code reported("temperature").as("t")}.
 *
 * <p>Immutable and thread-safe. Equality is structural; {@code toString()} is the SQL text.
 */
public final class SelectItem implements Selected {

    private final Projection projection;

    SelectItem(Projection projection) {
        this.projection = Objects.requireNonNull(projection, "projection");
    }

    /** Returns the query-tree projection. */
    @Override
    public Projection projection() {
        return projection;
    }

    /** Returns the name of the member this item produces in a result row: its alias, or the last path segment. */
    public String outputName() {
        return projection.outputName();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof SelectItem other && projection.equals(other.projection);
    }

    @Override
    public int hashCode() {
        return projection.hashCode();
    }

    /** Returns the SQL text, such as {@code COUNT() AS n}. */
    @Override
    public String toString() {
        return SqlWriter.render(projection);
    }
}
