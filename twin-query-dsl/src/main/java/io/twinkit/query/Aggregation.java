package io.twinkit.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate awaiting its alias: {@code count()}, {@code avg(field)}, {@code sum(field)}, {@code min(field)} or
 * {@code max(field)} of {@link TwinQuery}. IoT Hub names each aggregate's result member by its alias, so only
 * {@link #as(String)} makes it something to select: {@code select(count().as("n"))}.
 *
 * <p>Aggregates are for {@code FROM devices} only; {@code AVG}, {@code SUM}, {@code MIN} and {@code MAX} consider the
 * numeric values of their path and leave the member out of a row that has none. Immutable and thread-safe. Equality
 * is structural; {@code toString()} is the SQL text.
 */
public final class Aggregation {

    private final Aggregate aggregate;

    Aggregation(Aggregate aggregate) {
        this.aggregate = Objects.requireNonNull(aggregate, "aggregate");
    }

    /** Returns the query-tree aggregate. */
    public Aggregate aggregate() {
        return aggregate;
    }

    /**
     * Returns the aggregate selected as {@code alias}: {@code COUNT() AS alias}.
     *
     * @throws InvalidQueryException if {@code alias} is not an identifier ({@code [A-Za-z_][A-Za-z0-9_]*} with
     *     inner single hyphens) or is a reserved word
     */
    public SelectItem as(String alias) {
        return new SelectItem(new Projection(aggregate, Objects.requireNonNull(alias, "alias")));
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof Aggregation other && aggregate.equals(other.aggregate);
    }

    @Override
    public int hashCode() {
        return aggregate.hashCode();
    }

    /** Returns the SQL text, such as {@code AVG(properties.reported.temperature)}. */
    @Override
    public String toString() {
        return SqlWriter.render(aggregate);
    }
}
