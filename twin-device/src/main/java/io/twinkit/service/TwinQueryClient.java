package io.twinkit.service;

import io.twinkit.core.error.ServiceException;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.query.Query;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.QueryItemType;
import io.twinkit.service.internal.QueryCursor;
import io.twinkit.service.internal.ServiceSdk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs IoT Hub queries for a {@link TwinServiceClient} ({@link TwinServiceClient#queries()}): whole twins as a
 * lazily paging stream, rows of projections and aggregates as JSON objects (parsed by twinkit, never by the SDK's
 * twin parser), and single pages with a continuation for resuming later.
 *
 * <pre>{@code
 * Query redmond = TwinQuery.selectAll().from(devices()).where(tag("location.plant").eq("Redmond43"));
 * client.queries().twins(redmond).forEach(twin -> System.out.println(twin.deviceId()));
 * long n = client.queries().rows("SELECT COUNT() AS n FROM devices").findFirst().orElseThrow().getLong("n")...;
 * }</pre>
 *
 * <p>Nothing is sent until a stream's terminal operation runs; each page is fetched when the previous one is used
 * up. Errors are {@link ServiceException}s, thrown while consuming. Immutable and thread-safe; it lives as long as
 * its client and is closed with it.
 */
public final class TwinQueryClient {

    private static final int CHARACTERISTICS = Spliterator.ORDERED | Spliterator.NONNULL;

    private final ServiceSdk sdk;
    private final TwinServiceClient owner;

    TwinQueryClient(ServiceSdk sdk, TwinServiceClient owner) {
        this.sdk = sdk;
        this.owner = owner;
    }

    /**
     * Runs a {@code SELECT *} query in pages of {@value QueryOptions#DEFAULT_PAGE_SIZE}.
     *
     * @param query a query selecting whole twins
     * @return the twins, fetched lazily
     * @throws IllegalArgumentException if the query projects or aggregates (use {@link #rows(Query)})
     */
    public Stream<TwinDocument> twins(Query query) {
        return twins(query, QueryOptions.defaults());
    }

    /**
     * Runs a {@code SELECT *} query with the given page size, from the beginning or from a continuation.
     *
     * @param query a query selecting whole twins
     * @param options the page size and start
     * @return the twins, fetched lazily
     * @throws IllegalArgumentException if the query projects or aggregates
     */
    public Stream<TwinDocument> twins(Query query, QueryOptions options) {
        return twins(wholeTwins(query), options);
    }

    /**
     * Runs a twin query given as text ({@code SELECT * FROM devices …}) in pages of
     * {@value QueryOptions#DEFAULT_PAGE_SIZE}.
     *
     * @param sql the query
     * @return the twins, fetched lazily
     */
    public Stream<TwinDocument> twins(String sql) {
        return twins(sql, QueryOptions.defaults());
    }

    /**
     * Runs a twin query given as text with the given page size and start.
     *
     * @param sql the query
     * @param options the page size and start
     * @return the twins, fetched lazily
     */
    public Stream<TwinDocument> twins(String sql, QueryOptions options) {
        return rows(sql, options).map(TwinDocument::fromJson);
    }

    /**
     * Runs a query whose rows are not whole twins (projections, aggregates, {@code GROUP BY}) in pages of
     * {@value QueryOptions#DEFAULT_PAGE_SIZE} and returns the rows exactly as the hub sent them.
     *
     * @param query the query
     * @return the rows, fetched lazily
     */
    public Stream<JsonObject> rows(Query query) {
        return rows(Objects.requireNonNull(query, "query").toSql(), QueryOptions.defaults());
    }

    /**
     * Runs a query and returns its rows as JSON objects, with the given page size and start.
     *
     * @param query the query
     * @param options the page size and start
     * @return the rows, fetched lazily
     */
    public Stream<JsonObject> rows(Query query, QueryOptions options) {
        return rows(Objects.requireNonNull(query, "query").toSql(), options);
    }

    /**
     * Runs a query given as text in pages of {@value QueryOptions#DEFAULT_PAGE_SIZE} and returns its rows.
     *
     * @param sql the query
     * @return the rows, fetched lazily
     */
    public Stream<JsonObject> rows(String sql) {
        return rows(sql, QueryOptions.defaults());
    }

    /**
     * Runs a query given as text with the given page size and start, and returns its rows as JSON objects.
     *
     * @param sql the query
     * @param options the page size and start
     * @return the rows, fetched lazily; the first request is sent by the terminal operation
     * @throws IllegalStateException if the client is closed
     */
    public Stream<JsonObject> rows(String sql, QueryOptions options) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(
                sdk.query(sql, pageSize(options), options.continuation().orElse(null)), CHARACTERISTICS),
                CHARACTERISTICS, false);
    }

    /**
     * Reads one page of whole twins and the continuation to the next.
     *
     * @param query a query selecting whole twins
     * @param options the page size and start
     * @return at most {@code options.pageSize()} twins
     * @throws IllegalArgumentException if the query projects or aggregates, or the continuation is malformed
     * @throws ServiceException if the hub answers with an error (400 for a foreign or tampered continuation)
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<TwinDocument> twinPage(Query query, QueryOptions options) {
        return page(wholeTwins(query), options, QueryItemType.TWIN).map(TwinDocument::fromJson);
    }

    /**
     * Reads one page of whole twins of a query given as text, and the continuation to the next.
     *
     * @param sql the query
     * @param options the page size and start
     * @return at most {@code options.pageSize()} twins
     * @throws ServiceException if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<TwinDocument> twinPage(String sql, QueryOptions options) {
        return page(sql, options, QueryItemType.TWIN).map(TwinDocument::fromJson);
    }

    /**
     * Reads one page of rows and the continuation to the next.
     *
     * @param query the query
     * @param options the page size and start
     * @return at most {@code options.pageSize()} rows
     * @throws ServiceException if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<JsonObject> rowPage(Query query, QueryOptions options) {
        return page(Objects.requireNonNull(query, "query").toSql(), options, query.itemType());
    }

    /**
     * Reads one page of rows of a query given as text, and the continuation to the next. Sends one request when the
     * hub fills its pages.
     *
     * @param sql the query
     * @param options the page size and start
     * @return at most {@code options.pageSize()} rows
     * @throws IllegalArgumentException if the continuation is malformed
     * @throws ServiceException if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<JsonObject> rowPage(String sql, QueryOptions options) {
        return page(Objects.requireNonNull(sql, "sql"), options, itemType(sql));
    }

    /** Reads one page of {@code sql}, whose items are of {@code itemType}. */
    private QueryPage<JsonObject> page(String sql, QueryOptions options, QueryItemType itemType) {
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        int pageSize = pageSize(options);
        QueryCursor cursor = sdk.query(sql, pageSize, options.continuation().orElse(null));
        List<JsonObject> rows = new ArrayList<>(Math.min(pageSize, 128));
        while (rows.size() < pageSize && cursor.hasNext()) {
            rows.add(cursor.next());
        }
        return QueryPage.of(rows, itemType, cursor.continuation());
    }

    @Override
    public String toString() {
        return "TwinQueryClient[" + owner.hostName() + "]";
    }

    private static int pageSize(QueryOptions options) {
        return options.pageSizeOr(QueryOptions.DEFAULT_PAGE_SIZE, QueryOptions.MAX_PAGE_SIZE);
    }

    /**
     * The item type of a page of a query given only as text: the query's own, as twinkit's parser reads it; text it
     * cannot read is raw.
     */
    private static QueryItemType itemType(String sql) {
        try {
            return Query.parse(sql).itemType();
        } catch (InvalidQueryException unreadable) {
            return QueryItemType.RAW;
        }
    }

    private static String wholeTwins(Query query) {
        Objects.requireNonNull(query, "query");
        if (!query.isSelectAll() || query.isAggregate()) {
            throw new IllegalArgumentException("query '" + query.toSql() + "' does not select whole twins; "
                    + "use rows(...) or rowPage(...) for projections and aggregates");
        }
        return query.toSql();
    }
}
