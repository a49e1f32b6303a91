package io.twinkit.service.internal;

import io.twinkit.core.error.ServiceException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import io.twinkit.core.json.JsonObject;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a query as the SDK's query responses page them ({@code RawQueryResponse} for twin queries,
 * {@code JobQueryResponse} for job queries), with the position reached, so that a reader can stop anywhere and resume
 * later.
 *
 * <p>The SDK does not say where a page ends: it fetches the next page inside {@code next()} when the current one is
 * used up. The cursor notices a fetch by the continuation token changing, and so knows which page the last row came
 * from ({@code pageToken}, null for the first page) and how many rows it has taken from it. The position after a
 * row is then either the hub's token of the next page — when {@code pageSize} rows were taken from the current page,
 * which a hub never exceeds — or {@code ~<taken>~<pageToken>}: re-read that page and skip what was taken. Not
 * thread-safe; one reader at a time.
 */
public final class QueryCursor implements Iterator<JsonObject> {

    private static final char MARK = '~';

    private final Pages response;
    private final QueryPageOptions options;
    private final int pageSize;
    private final RenewingSasCredential credential;
    private final String operation;
    private @Nullable String pageToken;
    private int taken;

    private QueryCursor(Pages response, QueryPageOptions options, int pageSize,
            RenewingSasCredential credential, String operation, @Nullable String pageToken) {
        this.response = response;
        this.options = options;
        this.pageSize = pageSize;
        this.credential = credential;
        this.operation = operation;
        this.pageToken = pageToken;
    }

    /**
     * Opens a cursor at the beginning of a query or at a position {@link #continuation()} returned.
     *
     * @param opener sends the first request with page options
     * @param credential renewed before each request
     * @param operation what the query is, for messages, e.g. {@code query 'SELECT * FROM devices'}
     * @param pageSize rows per page
     * @param continuation a position from {@link #continuation()} or a hub token, or null for the beginning
     * @return the cursor
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error
     * @throws IllegalArgumentException if the continuation is a malformed twinkit position
     */
    static QueryCursor open(Opener opener, RenewingSasCredential credential, String operation, int pageSize,
            @Nullable String continuation) {
        String token = continuation;
        int skip = 0;
        if (continuation != null && continuation.charAt(0) == MARK) {
            int end = continuation.indexOf(MARK, 1);
            try {
                skip = Integer.parseInt(continuation.substring(1, Math.max(end, 1)));
            } catch (NumberFormatException e) {
                skip = -1;
            }
            if (end < 0 || skip < 0) {
                throw new IllegalArgumentException("continuation '" + continuation + "' is not a position this "
                        + "client handed out ('~<rows>~<token>')");
            }
            token = end + 1 == continuation.length() ? null : continuation.substring(end + 1);
        }
        QueryPageOptions first = QueryPageOptions.builder().pageSize(pageSize).continuationToken(token).build();
        Pages response = SdkErrors.call(credential, operation, () -> opener.open(first));
        QueryCursor cursor = new QueryCursor(response, QueryPageOptions.builder().pageSize(pageSize).build(),
                pageSize, credential, operation, token);
        for (int i = 0; i < skip && cursor.hasNext(); i++) {
            cursor.next();
        }
        return cursor;
    }

    @Override
    public boolean hasNext() {
        return response.hasNext();
    }

    @Override
    public JsonObject next() {
        if (!response.hasNext()) {
            throw new NoSuchElementException("no more rows of " + operation);
        }
        String before = response.continuationToken();
        // next() without options would fall back to the SDK's page size of 50 from page 2 on
        JsonObject row = SdkErrors.call(credential, operation, () -> response.next(options));
        if (before != null && !before.equals(response.continuationToken())) {
            pageToken = before;
            taken = 1;
        } else {
            taken++;
        }
        return row;
    }

    /**
     * Returns the position after the rows taken so far, or null when no row is left.
     *
     * @return the hub's token of the next page when the current page is used up, else a twinkit position
     */
    public @Nullable String continuation() {
        if (!response.hasNext()) {
            return null;
        }
        if (taken == 0) {
            return pageToken != null ? pageToken : MARK + "0" + MARK;
        }
        if (taken >= pageSize) {
            return response.continuationToken();
        }
        return MARK + Integer.toString(taken) + MARK + (pageToken == null ? "" : pageToken);
    }

    /** Sends a query's first request. */
    @FunctionalInterface
    interface Opener {

        /**
         * Sends the query.
         *
         * @param options the page size and continuation token
         * @return the SDK's response, as pages of JSON rows
         * @throws IotHubException if the hub answers with an error
         * @throws IOException if the request fails
         */
        Pages open(QueryPageOptions options) throws IotHubException, IOException;
    }

    /**
     * One of the SDK's query responses, seen as pages of JSON rows: each response class of the SDK has the same three
     * members but no common type.
     */
    interface Pages {

        /** Returns whether a row is left on this page or a continuation token promises another page. */
        boolean hasNext();

        /**
         * Returns the next row, fetching the next page with {@code options} when this one is used up.
         *
         * @param options the page size of the fetch
         * @return the row
         * @throws IotHubException if the hub answers with an error
         * @throws IOException if the request fails
         */
        JsonObject next(QueryPageOptions options) throws IotHubException, IOException;

        /** Returns the hub's token of the page after the current one, or null on the last page. */
        @Nullable String continuationToken();
    }
}
