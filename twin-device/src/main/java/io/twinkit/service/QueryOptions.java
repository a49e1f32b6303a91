package io.twinkit.service;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a query pages: how many rows each round trip asks the hub for ({@code x-ms-max-item-count}), and where to
 * start — at the beginning, or at a {@linkplain QueryPage#continuation() continuation} handed out with an earlier
 * page. Immutable; every {@code with…} method returns a new instance.
 */
public final class QueryOptions {

    /** The page size of {@link #defaults()}. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    /** The largest page the hub serves. */
    public static final int MAX_PAGE_SIZE = 1000;

    private static final QueryOptions DEFAULTS = new QueryOptions(DEFAULT_PAGE_SIZE, null);

    private final int pageSize;
    private final @Nullable String continuation;

    private QueryOptions(int pageSize, @Nullable String continuation) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize " + pageSize + " is outside 1.." + MAX_PAGE_SIZE);
        }
        this.pageSize = pageSize;
        this.continuation = continuation;
    }

    /** Returns the defaults: pages of 100, from the beginning. */
    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns options with pages of {@code pageSize} rows, from the beginning.
     *
     * @param pageSize rows per page, 1 to 1000 (the hub's upper bound)
     * @return the options
     * @throws IllegalArgumentException if pageSize is outside 1..1000
     */
    public static QueryOptions ofPageSize(int pageSize) {
        return new QueryOptions(pageSize, null);
    }

    /**
     * Returns these options with another page size.
     *
     * @param pageSize rows per page, 1 to 1000
     * @return the new options
     * @throws IllegalArgumentException if pageSize is outside 1..1000
     */
    public QueryOptions withPageSize(int pageSize) {
        return new QueryOptions(pageSize, continuation);
    }

    /**
     * Returns these options starting where an earlier page left off. The continuation is only meaningful for the same
     * query text against the same hub; a hub answers a foreign or tampered one with an error.
     *
     * @param continuation what {@link QueryPage#continuation()} returned
     * @return the new options
     * @throws IllegalArgumentException if the continuation is blank
     */
    public QueryOptions startingAt(String continuation) {
        if (Objects.requireNonNull(continuation, "continuation").isBlank()) {
            throw new IllegalArgumentException("continuation must not be blank");
        }
        return new QueryOptions(pageSize, continuation);
    }

    /** Returns the rows per page, 1 to 1000. */
    public int pageSize() {
        return pageSize;
    }

    /** Returns where the query resumes, or empty to start at the beginning. */
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

    @Override
    public String toString() {
        return "QueryOptions[pageSize=" + pageSize
                + (continuation == null ? "]" : ", continuation=" + continuation + "]");
    }
}
