package io.twinkit.query;

import io.twinkit.query.ast.Projection;
import io.twinkit.query.ast.QueryPath;
import io.twinkit.query.sql.SqlWriter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A query's {@code SELECT} clause, awaiting its {@code FROM}: what {@link TwinQuery#selectAll()} and
 * {@link TwinQuery#select(Selected...)} return. {@link #from(QuerySource)} and its shortcuts finish the query;
 * conditions follow with {@link Query#where(Condition)}.
 *
 * <pre>{@code
 * selectAll().top(5).fromModules()                        // SELECT TOP 5 * FROM devices.modules
 * select(tag("location.region"), count().as("n"))
 *         .groupBy(tag("location.region")).fromDevices()  // SELECT tags.location.region, COUNT() AS n
 *                                                         //   FROM devices GROUP BY tags.location.region
 * }</pre>
 *
 * <p>{@code GROUP BY} is given here, before {@code FROM}, because a select list that mixes a path with aggregates is
 * only valid once grouped, and a {@link Query} is never invalid; {@link Query#groupBy} serves select lists of
 * aggregates alone. The service's rules are checked when the query is made, so {@code from} throws for a combination
 * IoT Hub rejects.
 *
 * <p>Immutable and thread-safe: every method returns a new step, so a shared step can start any number of queries.
 * Equality is structural.
 */
public final class SelectStep {

    private final List<Projection> projections;
    private final long top;
    private final @Nullable QueryPath groupBy;

    SelectStep(List<Projection> projections, long top, @Nullable QueryPath groupBy) {
        this.projections = List.copyOf(projections);
        this.top = top;
        this.groupBy = groupBy;
    }

    /**
     * Returns this step limited to {@code n} results: {@code SELECT TOP n ...}.
     *
     * @throws InvalidQueryException if {@code n} is less than 1
     */
    public SelectStep top(long n) {
        if (n < 1) {
            throw new InvalidQueryException("TOP must be at least 1, but is " + n);
        }
        return new SelectStep(projections, n, groupBy);
    }

    /**
     * Returns this step grouped by {@code field}: {@code ... GROUP BY path}. The select list may then hold only that
     * field (under any alias) and aggregates; this is checked by {@link #from(QuerySource)}.
     */
    public SelectStep groupBy(TwinField field) {
        return new SelectStep(projections, top, Objects.requireNonNull(field, "field").path());
    }

    /**
     * Returns the query of this clause over {@code source}, without a condition.
     *
     * @throws InvalidQueryException if IoT Hub rejects the combination: anything but {@code SELECT *} on
     *     {@code devices.jobs}; {@code GROUP BY} on another source than {@code devices}, with {@code SELECT *}, or with
     *     a path other than the grouped one in the select list; aggregates beside plain paths without {@code GROUP BY}
     */
    public Query from(QuerySource source) {
        return Query.of(Objects.requireNonNull(source, "source"), projections, null, groupBy, top);
    }

    /**
     * Returns the query of this clause over device twins: {@code FROM devices}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}
     */
    public Query fromDevices() {
        return from(QuerySource.DEVICES);
    }

    /**
     * Returns the query of this clause over module twins: {@code FROM devices.modules}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}, notably for aggregates with {@code GROUP BY}
     */
    public Query fromModules() {
        return from(QuerySource.MODULES);
    }

    /**
     * Returns the query of this clause over device job records: {@code FROM devices.jobs}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}: the service takes only {@code SELECT *} here
     */
    public Query fromJobs() {
        return from(QuerySource.JOBS);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof SelectStep other && top == other.top
                && projections.equals(other.projections) && Objects.equals(groupBy, other.groupBy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projections, top, groupBy);
    }

    /** Returns the SQL text of the clause and its grouping, without {@code FROM}: {@code SELECT TOP 5 deviceId}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SELECT ");
        if (top > 0) {
            out.append("TOP ").append(top).append(' ');
        }
        if (projections.isEmpty()) {
            out.append('*');
        }
        for (int i = 0; i < projections.size(); i++) {
            out.append(i > 0 ? ", " : "").append(SqlWriter.render(projections.get(i)));
        }
        if (groupBy != null) {
            out.append(" GROUP BY ").append(SqlWriter.render(groupBy));
        }
        return out.toString();
    }
}
