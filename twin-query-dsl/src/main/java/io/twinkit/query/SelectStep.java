package io.twinkit.query;

/**
 * A query's {@code SELECT} clause, awaiting its {@code FROM}: what {@link TwinQuery#selectAll()} and
 * {@link TwinQuery#select(Selected...)} return. Each part is set in one place, once, in the order of the text:
 * {@link #top(long)} returns a {@link GroupByStep} (no {@code top}), {@link #groupBy} returns a {@link FromStep} (no
 * {@code groupBy}), {@link #from(QuerySource)} and its shortcuts return a {@link WhereStep}, whose
 * {@link WhereStep#where(Condition) where} returns a {@link Query} (no {@code where}).
 *
 * <pre>{@code
 * selectAll().top(5).fromModules()                        // SELECT TOP 5 * FROM devices.modules
 * select(tag("location.region"), count().as("n"))
 *         .groupBy(tag("location.region")).fromDevices()  // SELECT tags.location.region, COUNT() AS n
 *                                                         //   FROM devices GROUP BY tags.location.region
 * }</pre>
 *
 * <p>{@code GROUP BY} is given here, before {@code FROM}, because a select list that mixes a path with aggregates is
 * only valid once grouped, and a {@link Query} is never invalid. The service's rules are checked when the query is
 * made, so {@code from} throws for a combination IoT Hub rejects.
 *
 * <p>Implementations are immutable and thread-safe: every method returns a new step, so a shared step can start any
 * number of queries. Equality is structural, and {@code toString()} is the clause's SQL text without {@code FROM}.
 */
public sealed interface SelectStep extends GroupByStep permits SelectClause {

    /**
     * Returns this clause limited to {@code n} results: {@code SELECT TOP n ...}.
     *
     * @throws InvalidQueryException if {@code n} is less than 1
     */
    GroupByStep top(long n);
}
