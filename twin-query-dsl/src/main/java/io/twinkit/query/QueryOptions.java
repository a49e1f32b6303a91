package io.twinkit.query;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How one query round trip pages, in the emulator's Java API and in the back-end client alike: the page size it asks
 * for (the service's {@code x-ms-max-item-count} header) and the continuation token of the page before (its
 * {@code x-ms-continuation} header).
 *
 * <pre>{@code
 * QueryOptions options = QueryOptions.ofPageSize(500);
 * QueryPage<JsonObject> page = hub.queries().query(sql, options);
 * while (page.hasMore()) {
 *     page = hub.queries().query(sql, options.withContinuation(page.continuation().orElseThrow()));   // same sql
 * }
 * }</pre>
 *
 * <p>Without a page size the hub uses its default ({@value #DEFAULT_PAGE_SIZE} rows on IoT Hub); a larger size than
 * the hub serves is lowered to its maximum ({@value #MAX_PAGE_SIZE} on IoT Hub), as the service does. Immutable and
 * thread-safe; {@code equals} compares both settings.
 *
 * @see <a href="https://learn.microsoft.com/rest/api/iothub/service/query/get-twins">Query - Get Twins</a>
 */
public final class QueryOptions {

    /** The page size IoT Hub uses when a query asks for none. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** The largest page IoT Hub serves; larger requests get pages of this size. */
    public static final int MAX_PAGE_SIZE = 1000;

    private static final QueryOptions DEFAULTS = new QueryOptions(0, null);

    /** The requested page size, or 0 for the hub's default. */
    private final int pageSize;
    private final @Nullable String continuation;

    private QueryOptions(int pageSize, @Nullable String continuation) {
        this.pageSize = pageSize;
        this.continuation = continuation;
    }

    /** Returns the options of a first page of the hub's default size. */
    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the options of a first page of {@code size} rows.
     *
     * @param size rows per page, at least 1
     * @return the options
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public static QueryOptions ofPageSize(int size) {
        return DEFAULTS.withPageSize(size);
    }

    /**
     * Returns these options asking for pages of {@code size} rows.
     *
     * @param size rows per page, at least 1; the hub lowers a size above its maximum to that maximum
     * @return the new options
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public QueryOptions withPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size " + size + " is below 1");
        }
        return new QueryOptions(size, continuation);
    }

    /**
     * Returns these options continuing after the page whose {@link QueryPage#continuation()} is {@code token}, or
     * starting at the first page for {@code null}. A continuation is only valid with the exact query text that produced
     * it, against the hub that produced it; a hub answers a foreign or tampered one with an error.
     *
     * @param token the continuation of the page before, or {@code null} to start at the beginning
     * @return the new options
     * @throws IllegalArgumentException if {@code token} is blank
     */
    public QueryOptions withContinuation(@Nullable String token) {
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("a continuation token must not be blank; use null to start over");
        }
        return new QueryOptions(pageSize, token);
    }

    /** Returns the requested page size, absent for the hub's default. */
    public OptionalInt pageSize() {
        return pageSize == 0 ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /**
     * Returns the page size a hub with the given default and maximum serves for these options.
     *
     * @param hubDefault the hub's size when none is asked for
     * @param hubMaximum the hub's largest page
     * @return the requested size lowered to {@code hubMaximum}, or {@code hubDefault} when none was requested
     */
    public int pageSizeOr(int hubDefault, int hubMaximum) {
        return pageSize == 0 ? hubDefault : Math.min(pageSize, hubMaximum);
    }

    /** Returns the continuation token, if this asks for a page after the first. */
    public Optional<String> continuation() {
        return Optional.ofNullable(continuation);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof QueryOptions other && pageSize == other.pageSize
                && Objects.equals(continuation, other.continuation);
    }

    @Override
    public int hashCode() {
        return 31 * pageSize + Objects.hashCode(continuation);
    }

    /** Returns the settings, for diagnostics. */
    @Override
    public String toString() {
        return "QueryOptions[pageSize=" + (pageSize == 0 ? "default" : pageSize)
                + (continuation == null ? "" : ", continuation=" + continuation) + "]";
    }
}
