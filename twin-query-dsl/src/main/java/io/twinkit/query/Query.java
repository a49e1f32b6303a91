package io.twinkit.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An IoT Hub query: {@code SELECT [TOP n] (* | projections) FROM source [WHERE condition] [GROUP BY path]}.
 *
 * <p>A query checks the service's rules when it is built, so an invalid one never exists: {@code devices.jobs}
 * takes {@code SELECT *} only; {@code GROUP BY} is for {@code devices} only, not with {@code *}, and its select list
 * holds only the grouped path and aggregates; without {@code GROUP BY}, aggregates cannot stand beside plain paths.
 * {@link #toSql()} renders deterministic text and rejects a query longer than {@value #MAX_LENGTH} characters.
 *
 * <p>Build queries with {@link TwinQuery}, or read them with {@link #parse(String)}. A query is finished: it has no
 * method that adds a clause, so a second {@code WHERE}, {@code TOP} or {@code GROUP BY} does not compile (only the
 * {@link WhereStep} that {@code from} returns takes a condition). Immutable and thread-safe; {@code equals} compares
 * the trees, whichever step made them, and {@code toString()} is the SQL text.
 */
public sealed class Query permits WhereStep {

    /** The longest query text IoT Hub accepts, in characters. */
    public static final int MAX_LENGTH = 8192;

    private final QuerySource source;
    private final List<Projection> projections;
    private final @Nullable Expression where;
    private final @Nullable QueryPath groupBy;
    private final OptionalLong top;

    Query(QuerySource source, List<Projection> projections, @Nullable Expression where,
          @Nullable QueryPath groupBy, OptionalLong top) {
        this.source = Objects.requireNonNull(source, "source");
        this.projections = List.copyOf(projections);
        this.where = where;
        this.groupBy = groupBy;
        this.top = Objects.requireNonNull(top, "top");
        check(this.source, this.projections, groupBy, top);
    }

    /**
     * Returns the query with the given clauses.
     *
     * @param source the {@code FROM} collection
     * @param projections the {@code SELECT} list; empty for {@code *}
     * @param where the condition, or {@code null}
     * @param groupBy the grouping path, or {@code null}
     * @param top the {@code TOP} limit (at least 1), or empty for none
     * @throws InvalidQueryException if the combination is one IoT Hub rejects
     */
    public static Query of(QuerySource source, List<Projection> projections, @Nullable Expression where,
                           @Nullable QueryPath groupBy, OptionalLong top) {
        return new Query(source, projections, where, groupBy, top);
    }

    /**
     * Reads query text, the reverse of {@link #toSql()}: {@code Query.parse(query.toSql())} equals {@code query}.
     *
     * @param sql the text, such as {@code SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'}
     * @return the query
     * @throws QuerySyntaxException if the text is not a query of IoT Hub's language, naming the 0-based position and
     *     what was expected there
     * @throws InvalidQueryException if the text is longer than {@value #MAX_LENGTH} characters, or the query breaks a
     *     rule of the service (see {@link #of})
     */
    public static Query parse(String sql) {
        return QueryParser.parse(sql);
    }

    /**
     * Returns {@code n} if it is a valid {@code TOP} limit.
     *
     * @throws InvalidQueryException if {@code n} is less than 1
     */
    static long checkTop(long n) {
        if (n < 1) {
            throw new InvalidQueryException("TOP must be at least 1, but is " + n);
        }
        return n;
    }

    private static void check(QuerySource source, List<Projection> projections, @Nullable QueryPath groupBy,
                              OptionalLong top) {
        top.ifPresent(Query::checkTop);
        if (source == QuerySource.JOBS && (!projections.isEmpty() || groupBy != null)) {
            throw new InvalidQueryException("devices.jobs supports only SELECT * without GROUP BY");
        }
        boolean anyAggregate = projections.stream().anyMatch(p -> p.target() instanceof Aggregate);
        if (groupBy != null) {
            if (source != QuerySource.DEVICES) {
                throw new InvalidQueryException("GROUP BY is supported on devices only, not on " + source.sql());
            }
            if (projections.isEmpty()) {
                throw new InvalidQueryException("SELECT * cannot be grouped; select the grouped path and aggregates");
            }
            for (Projection projection : projections) {
                if (!(projection.target() instanceof Aggregate) && !projection.target().equals(groupBy)) {
                    throw new InvalidQueryException("with GROUP BY " + groupBy + " the select list may hold only "
                            + groupBy + " and aggregates, not " + projection);
                }
            }
        } else if (anyAggregate && projections.stream().anyMatch(p -> p.target() instanceof QueryPath)) {
            throw new InvalidQueryException("aggregates cannot stand beside plain paths without GROUP BY; group by"
                    + " the path or select aggregates only");
        }
    }

    /** Returns the {@code FROM} collection. */
    public QuerySource source() {
        return source;
    }

    /** Returns the {@code SELECT} list; empty for {@code SELECT *}. */
    public List<Projection> projections() {
        return projections;
    }

    /** Returns whether this is {@code SELECT *}. */
    public boolean isSelectAll() {
        return projections.isEmpty();
    }

    /** Returns whether the select list holds aggregates (so rows are groups, not twins). */
    public boolean isAggregate() {
        return projections.stream().anyMatch(p -> p.target() instanceof Aggregate);
    }

    /**
     * Returns what the service answers this query with, its {@code x-ms-item-type}: device job records for
     * {@code FROM devices.jobs}, whole twins for {@code SELECT *} over devices or modules, plain rows otherwise.
     */
    public QueryItemType itemType() {
        if (source == QuerySource.JOBS) {
            return QueryItemType.DEVICE_JOB;
        }
        return isSelectAll() ? QueryItemType.TWIN : QueryItemType.RAW;
    }

    /** Returns the {@code WHERE} condition, if any. */
    public Optional<Expression> where() {
        return Optional.ofNullable(where);
    }

    /** Returns the {@code GROUP BY} path, if any. */
    public Optional<QueryPath> groupBy() {
        return Optional.ofNullable(groupBy);
    }

    /** Returns the {@code TOP} limit, if any. */
    public OptionalLong top() {
        return top;
    }

    /**
     * Returns the SQL text to send.
     *
     * @throws InvalidQueryException if it is longer than {@value #MAX_LENGTH} characters (code points), which IoT Hub
     *     rejects
     */
    public String toSql() {
        String sql = SqlWriter.render(this);
        int length = sql.codePointCount(0, sql.length());
        if (length > MAX_LENGTH) {
            throw new InvalidQueryException("the query has " + length + " characters; IoT Hub accepts at most "
                    + MAX_LENGTH + " (split long IN lists into several queries)");
        }
        return sql;
    }

    @Override
    public final boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof Query other
                && top.equals(other.top)
                && source == other.source
                && projections.equals(other.projections)
                && Objects.equals(where, other.where)
                && Objects.equals(groupBy, other.groupBy);
    }

    @Override
    public final int hashCode() {
        return Objects.hash(source, projections, where, groupBy, top);
    }

    /** Returns the SQL text, without the length check of {@link #toSql()}. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
