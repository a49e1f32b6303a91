package io.twinkit.emulator.internal.query;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.QueryService;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.internal.query.ContinuationCodec;
import io.twinkit.emulator.internal.query.CursorCache;
import io.twinkit.emulator.internal.query.CursorId;
import io.twinkit.emulator.internal.query.QueryResult;
import io.twinkit.emulator.internal.query.QueryView;
import io.twinkit.emulator.internal.RequestKind;
import io.twinkit.emulator.internal.Throttle;
import io.twinkit.emulator.internal.TwinChangeListener;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.Query;
import io.twinkit.query.eval.CompiledQuery;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link QueryService} of a hub: evaluates each first page over a snapshot of its {@link QueryView}, keeps the
 * results with pages left in a {@link CursorCache} and hands out signed continuation tokens for them. Thread-safe.
 */
public final class HubQueries implements QueryService {

    private final HubOptions options;
    private final Throttle throttle;
    private final QueryView view;
    private final CursorCache cursors;
    private final ContinuationCodec tokens = new ContinuationCodec();
    private volatile DeviceJobSource deviceJobs = DeviceJobSource.NONE;

    private HubQueries(HubOptions options, Collection<TwinDocument> initial, Throttle throttle) {
        this.options = options;
        this.throttle = throttle;
        this.view = QueryView.create(options.queryLag(), initial, "twinkit-query-lag-" + options.hubName());
        this.cursors = new CursorCache(CursorCache.DEFAULT_CAPACITY, CursorCache.DEFAULT_IDLE_TIMEOUT,
                options.queryCursorBudget(), options.clock());
    }

    /**
     * Returns the query service of a hub with {@code options} whose twins are {@code initial} (visible at once, lag
     * or not), throttled by a throttle of its own.
     */
    public static HubQueries create(HubOptions options, Collection<TwinDocument> initial) {
        return create(options, initial, Throttle.create(options));
    }

    /**
     * Returns the query service of a hub with {@code options} whose twins are {@code initial}, taking its queries
     * from {@code throttle}, which the hub shares with its twin reads and updates.
     *
     * @throws IllegalArgumentException if two initial twins have the same key
     */
    public static HubQueries create(HubOptions options, Collection<TwinDocument> initial, Throttle throttle) {
        return new HubQueries(Objects.requireNonNull(options, "options"), Objects.requireNonNull(initial, "initial"),
                Objects.requireNonNull(throttle, "throttle"));
    }

    @Override
    public QueryPage<JsonObject> query(String sql) {
        return query(sql, QueryOptions.defaults());
    }

    @Override
    public QueryPage<JsonObject> query(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        if (view.isClosed()) {
            throw new IllegalStateException("the hub " + this.options.hubName() + " is closed");
        }
        throttle.acquire(RequestKind.QUERY);
        int pageSize = options.pageSizeOr(this.options.defaultPageSize(), this.options.maxPageSize());
        Optional<String> continuation = options.continuation();
        if (continuation.isPresent()) {
            byte[] hash = ContinuationCodec.hash(sql);
            ContinuationCodec.Position at = tokens.decode(continuation.get(), hash);
            QueryResult result = cursors.read(at.cursor());
            if (result == null) {
                throw new InvalidQueryException("the continuation token has expired: a query's result is kept "
                        + cursors.idleTimeout().toMinutes() + " minutes after its last page request, for at most "
                        + cursors.capacity() + " queries and " + cursors.byteBudget() + " bytes of results at once;"
                        + " run the query again from its first page");
            }
            return page(result, at.cursor(), at.offset(), pageSize, hash);
        }
        QueryResult result = evaluate(Query.parse(sql));
        if (result.size() <= pageSize) {
            return QueryPage.of(result.items(0, result.size()), result.itemType(), null);
        }
        if (result.retainedBytes() > cursors.byteBudget()) {
            throw new InvalidQueryException("the result of " + result.size() + " items needs about "
                    + result.retainedBytes() + " bytes to page through, more than the hub's query cursor budget of "
                    + cursors.byteBudget() + " bytes (HubOptions.queryCursorBudget); narrow the query with WHERE"
                    + " or TOP, or ask for pages of all " + result.size() + " items");
        }
        return page(result, cursors.open(result), 0, pageSize, ContinuationCodec.hash(sql));
    }

    /**
     * Makes {@code devices.jobs} select from {@code source}, the hub's scheduled jobs; until then there are no device
     * job records. Job records are read as they are at each first page, not lagged by {@link HubOptions#queryLag()}.
     */
    public void deviceJobs(DeviceJobSource source) {
        this.deviceJobs = Objects.requireNonNull(source, "source");
    }

    /** Returns the bytes of results kept for continuations now, at most {@link HubOptions#queryCursorBudget()}. */
    public long cursorBytes() {
        return cursors.bytes();
    }

    private QueryPage<JsonObject> page(QueryResult result, CursorId cursor, int offset, int pageSize, byte[] hash) {
        if (offset > result.size()) {
            throw new InvalidQueryException("the continuation token points past the end of its result");
        }
        int end = (int) Math.min(result.size(), (long) offset + pageSize);
        String next = end < result.size() ? tokens.encode(cursor, end, hash) : null;
        return QueryPage.of(result.items(offset, end), result.itemType(), next);
    }

    private QueryResult evaluate(Query query) {
        CompiledQuery compiled = CompiledQuery.compile(query);
        QueryView.Snapshot snapshot = view.snapshot();
        List<TwinDocument> twins;
        switch (query.source()) {
            case DEVICES -> twins = snapshot.devices();
            case MODULES -> twins = snapshot.modules();
            default -> {
                // devices.jobs: the device job records of the hub's scheduled jobs, as they are now
                return DeviceJobQuery.evaluate(query, deviceJobs.deviceJobs());
            }
        }
        if (query.isSelectAll()) {
            return QueryResult.ofTwins(compiled.select(twins));
        }
        if (!query.isAggregate()) {
            // the rows of a projection are made a page at a time: a kept result holds shared twins, not copies
            return QueryResult.ofProjection(query.itemType(), compiled.matching(twins), compiled::project);
        }
        return QueryResult.ofRows(query.itemType(), compiled.rows(twins));
    }

    /**
     * Records a committed twin change, visible to queries after {@link HubOptions#queryLag()}; {@code state} null
     * means the twin was deleted. The hub's twin store calls this (or {@link #changeListener()}) under the lock of
     * the twin, so the changes of one twin arrive in commit order.
     */
    public void twinChanged(TwinKey key, @Nullable TwinDocument state) {
        view.twinChanged(key, state);
    }

    /** Returns the hook that {@link #twinChanged} delegates to, for a store that takes a listener. */
    public TwinChangeListener changeListener() {
        return view;
    }

    /** Returns the throttle queries are counted by. */
    public Throttle throttle() {
        return throttle;
    }

    /** Stops the thread of lagging changes and refuses further queries. */
    public void close() {
        view.close();
    }

    /** Returns the hub name, for diagnostics. */
    @Override
    public String toString() {
        return "QueryService[" + options.hubName() + "]";
    }
}
