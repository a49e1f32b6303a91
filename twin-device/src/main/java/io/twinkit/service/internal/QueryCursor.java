package io.twinkit.service.internal;

import io.twinkit.core.error.ServiceException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.RawQueryResponse;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a query as the SDK's {@link RawQueryResponse} pages them, with the position reached, so that a reader
 * can stop anywhere and resume later.
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

    private final RawQueryResponse response;
    private final QueryPageOptions options;
    private final int pageSize;
    private final RenewingSasCredential credential;
    private final String operation;
    private @Nullable String pageToken;
    private int taken;

    private QueryCursor(RawQueryResponse response, QueryPageOptions options, int pageSize,
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
     * @param opener sends the first request: the query text with page options
     * @param credential renewed before each request
     * @param sql the query text, for messages
     * @param pageSize rows per page
     * @param continuation a position from {@link #continuation()} or a hub token, or null for the beginning
     * @return the cursor
     * @throws io.twinkit.core.error.ServiceException if the hub answers with an error
     * @throws IllegalArgumentException if the continuation is a malformed twinkit position
     */
    static QueryCursor open(Opener opener, RenewingSasCredential credential, String sql, int pageSize,
            @Nullable String continuation) {
        String operation = "query '" + sql + "'";
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
        credential.renewIfDue();
        RawQueryResponse response;
        try {
            response = opener.open(sql, first);
        } catch (IotHubException e) {
            throw SdkErrors.map(operation, e);
        } catch (IOException e) {
            throw SdkErrors.map(operation, e);
        }
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
        String before = response.getContinuationToken();
        credential.renewIfDue();
        String row;
        try {
            // next() without options would fall back to the SDK's page size of 50 from page 2 on
            row = response.next(options);
        } catch (IotHubException e) {
            throw SdkErrors.map(operation, e);
        } catch (IOException e) {
            throw SdkErrors.map(operation, e);
        }
        if (before != null && !before.equals(response.getContinuationToken())) {
            pageToken = before;
            taken = 1;
        } else {
            taken++;
        }
        return JsonValue.parseObject(row);
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
            return response.getContinuationToken();
        }
        return MARK + Integer.toString(taken) + MARK + (pageToken == null ? "" : pageToken);
    }

    /** Sends a query's first request. */
    @FunctionalInterface
    interface Opener {

        /**
         * Sends the query.
         *
         * @param sql the query text
         * @param options the page size and continuation token
         * @return the SDK's response
         * @throws IotHubException if the hub answers with an error
         * @throws IOException if the request fails
         */
        RawQueryResponse open(String sql, QueryPageOptions options) throws IotHubException, IOException;
    }
}
