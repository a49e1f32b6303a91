package io.twinkit.query;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A query without a condition, which may take one: what {@link FromStep#from(QuerySource)} and its shortcuts return.
 * It is a complete {@link Query} already ({@code selectAll().fromJobs()} needs no {@code WHERE}), and
 * {@link #where(Condition)} returns a plain {@link Query}, which has no {@code where(...)}: a second condition does
 * not compile, so conditions are combined with {@link Condition#and} instead.
 *
 * <p>Immutable and thread-safe; equal to any {@link Query} with the same trees.
 */
public final class WhereStep extends Query {

    WhereStep(QuerySource source, List<Projection> projections, @Nullable QueryPath groupBy, OptionalLong top) {
        super(source, projections, null, groupBy, top);
    }

    /** Returns this query with the condition {@code where}: {@code ... WHERE condition}. */
    public Query where(Condition where) {
        return where(Objects.requireNonNull(where, "where").expression());
    }

    /** Returns this query with the condition tree {@code where}, such as one {@link Query#parse read} elsewhere. */
    public Query where(Expression where) {
        return new Query(source(), projections(), Objects.requireNonNull(where, "where"), groupBy().orElse(null),
                top());
    }
}
