package io.twinkit.service;

/**
 * How a query pages: how many rows each round trip asks the hub for. Immutable.
 *
 * @param pageSize the rows per page, 1 to 1000 (the hub's own upper bound)
 */
public record QueryOptions(int pageSize) {

    /**
     * Creates options.
     *
     * @throws IllegalArgumentException if pageSize is outside 1..1000
     */
    public QueryOptions {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize " + pageSize + " is outside 1..1000");
        }
    }

    /** Returns the defaults: pages of 100. */
    public static QueryOptions defaults() {
        return new QueryOptions(100);
    }
}
