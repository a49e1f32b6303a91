package io.twinkit.query;

/**
 * The last step of a {@code SELECT} clause: its source. {@link #from(QuerySource)} and its shortcuts finish the
 * clause into a {@link WhereStep}, a query that may still take its one condition.
 *
 * <p>Implementations are immutable and thread-safe; equality is structural.
 */
public sealed interface FromStep permits GroupByStep, SelectClause {

    /**
     * Returns the query of this clause over {@code source}, without a condition.
     *
     * @throws InvalidQueryException if IoT Hub rejects the combination: anything but {@code SELECT *} on
     *     {@code devices.jobs}; {@code GROUP BY} on another source than {@code devices}, with {@code SELECT *}, or with
     *     a path other than the grouped one in the select list; aggregates beside plain paths without {@code GROUP BY}
     */
    WhereStep from(QuerySource source);

    /**
     * Returns the query of this clause over device twins: {@code FROM devices}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}
     */
    default WhereStep fromDevices() {
        return from(QuerySource.DEVICES);
    }

    /**
     * Returns the query of this clause over module twins: {@code FROM devices.modules}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}, notably for aggregates with {@code GROUP BY}
     */
    default WhereStep fromModules() {
        return from(QuerySource.MODULES);
    }

    /**
     * Returns the query of this clause over device job records: {@code FROM devices.jobs}.
     *
     * @throws InvalidQueryException as {@link #from(QuerySource)}: the service takes only {@code SELECT *} here
     */
    default WhereStep fromJobs() {
        return from(QuerySource.JOBS);
    }
}
