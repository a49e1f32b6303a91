package io.twinkit.emulator;

import io.twinkit.core.json.JsonObject;
import io.twinkit.query.QueryItemType;
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
 * The query endpoint of a hub ({@code POST /devices/query}): runs IoT Hub queries over the hub's twins and returns
 * the result a page at a time.
 *
 * <pre>{@code
 * String sql = "SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'";
 * QueryPage<JsonObject> page = hub.queries().query(sql, QueryOptions.ofPageSize(50));
 * List<JsonObject> twins = new ArrayList<>(page.items());
 * while (page.hasMore()) {
 *     page = hub.queries().query(sql, QueryOptions.ofPageSize(50)
 *             .withContinuation(page.continuation().orElseThrow()));
 *     twins.addAll(page.items());
 * }
 * }</pre>
 *
 * <p>Results, with the language and semantics of {@link CompiledQuery}:
 * <ul>
 *   <li>{@code SELECT *} over {@code devices} or {@code devices.modules} returns whole twins, as the service's GET
 *       returns them ({@link QueryItemType#TWIN}); projections and aggregates return rows ({@link QueryItemType#RAW});
 *       {@code devices.jobs} returns device job records ({@link QueryItemType#DEVICE_JOB}), and as the hub runs no
 *       jobs there are none. Twins come in order of device id, then module id.
 *   <li>A page holds {@link QueryOptions#pageSize()} items, {@link HubOptions#defaultPageSize()} (100) when none is
 *       asked for. Like the service, which may substitute its own page size, the hub lowers a larger request to
 *       {@link HubOptions#maxPageSize()} (1000) rather than refusing it; over HTTPS a header size below 1 asks for 1.
 *   <li>When more items remain, the page carries an opaque continuation token; pass it back with
 *       {@link QueryOptions#withContinuation} and <em>the same query text</em> (the service needs the query again with
 *       each continuation). The last page has no token, and a query that matches nothing answers one empty page.
 *       Each continuation may ask for its own page size.
 *   <li>Pages are consistent: the first page evaluates the query over one snapshot of the twins and keeps the whole
 *       result, and later pages read that result. Twins written, created or deleted between two page requests do not
 *       shift the pages, so no item is returned twice or skipped; the result is the hub as it was at the first page.
 *       A kept result (a cursor) lives until it has not been read for 5 minutes of the hub's clock, or until 1024 newer
 *       ones, or newer ones that together pass {@link HubOptions#queryCursorBudget()} (64 MiB), push it out; a token
 *       may be used again meanwhile (a retried request gets the same page). Kept results hold the twins (shared with
 *       the store), not copies, and projection rows are made when their page is read.
 *   <li>With {@link HubOptions#queryLag()} above zero, queries see each write that long after it was made, as on the
 *       service, whose query results are eventually consistent; point reads of twins are always fresh.
 *   <li>With a {@link HubOptions#throttlingTier()}, every call counts as one query against the tier's per-minute
 *       quota, a continuation as much as a first page (each is a request of its own on the service).
 * </ul>
 *
 * <p>Thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-query-language">IoT Hub query language</a>
 */
public final class QueryService {

    private final HubOptions options;
    private final Throttle throttle;
    private final QueryView view;
    private final CursorCache cursors;
    private final ContinuationCodec tokens = new ContinuationCodec();

    private QueryService(HubOptions options, Collection<TwinDocument> initial, Throttle throttle) {
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
    static QueryService create(HubOptions options, Collection<TwinDocument> initial) {
        return create(options, initial, Throttle.create(options));
    }

    /**
     * Returns the query service of a hub with {@code options} whose twins are {@code initial}, taking its queries
     * from {@code throttle}, which the hub shares with its twin reads and updates.
     *
     * @throws IllegalArgumentException if two initial twins have the same key
     */
    static QueryService create(HubOptions options, Collection<TwinDocument> initial, Throttle throttle) {
        return new QueryService(Objects.requireNonNull(options, "options"), Objects.requireNonNull(initial, "initial"),
                Objects.requireNonNull(throttle, "throttle"));
    }

    /**
     * Runs {@code sql} with the default page size and returns its first page.
     *
     * @throws io.twinkit.query.QuerySyntaxException (400004) if the text is not a query
     * @throws InvalidQueryException (400004) if the query breaks a rule of the service, e.g. is longer than 8192
     *     characters
     * @throws ThrottledException (429001) if the hub's query quota is used up
     * @throws IllegalStateException if the hub is closed
     */
    public QueryPage<JsonObject> query(String sql) {
        return query(sql, QueryOptions.defaults());
    }

    /**
     * Runs {@code sql} and returns the page {@code options} asks for: the first one, or the one its continuation token
     * points at.
     *
     * @param sql the query text; with a continuation, exactly the text of the first page's query
     * @param options the page size and continuation token
     * @return the page; {@link QueryPage#continuation()} is present when more items remain
     * @throws io.twinkit.query.QuerySyntaxException (400004) if the text is not a query
     * @throws InvalidQueryException (400004) if the query breaks a rule of the service, or the continuation token was
     *     issued for other query text, was garbled or altered, or its cursor expired
     * @throws ThrottledException (429001) if the hub's query quota is used up
     * @throws IllegalStateException if the hub is closed
     */
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

    /** Returns the bytes of results kept for continuations now, at most {@link HubOptions#queryCursorBudget()}. */
    long cursorBytes() {
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
                // devices.jobs: the hub runs no jobs, so there are no job records to select from
                return QueryResult.ofRows(query.itemType(), List.of());
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
    void twinChanged(TwinKey key, @Nullable TwinDocument state) {
        view.twinChanged(key, state);
    }

    /** Returns the hook that {@link #twinChanged} delegates to, for a store that takes a listener. */
    TwinChangeListener changeListener() {
        return view;
    }

    /** Returns the throttle queries are counted by. */
    Throttle throttle() {
        return throttle;
    }

    /** Stops the thread of lagging changes and refuses further queries. */
    void close() {
        view.close();
    }

    /** Returns the hub name, for diagnostics. */
    @Override
    public String toString() {
        return "QueryService[" + options.hubName() + "]";
    }
}
