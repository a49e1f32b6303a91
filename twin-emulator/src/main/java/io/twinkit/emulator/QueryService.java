package io.twinkit.emulator;

import io.twinkit.core.json.JsonObject;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.query.eval.CompiledQuery;

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
 *       {@code devices.jobs} returns the device job records of the hub's scheduled jobs
 *       ({@link QueryItemType#DEVICE_JOB}, see {@link JobService}), read as they are (not lagged by
 *       {@link HubOptions#queryLag()}), jobs in the order they were scheduled. Twins come in order of device id, then module id.
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
 * <p>{@link IotHub#queries()} hands out the query service of a hub. Thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-query-language">IoT Hub query language</a>
 */
public interface QueryService {

    /**
     * Runs {@code sql} with the default page size and returns its first page.
     *
     * @throws io.twinkit.query.QuerySyntaxException (400004) if the text is not a query
     * @throws InvalidQueryException (400004) if the query breaks a rule of the service, e.g. is longer than 8192
     *     characters
     * @throws ThrottledException (429001) if the hub's query quota is used up
     * @throws IllegalStateException if the hub is closed
     */
    QueryPage<JsonObject> query(String sql);

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
    QueryPage<JsonObject> query(String sql, QueryOptions options);
}
