package io.twinkit.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query's results and where the next page starts. Hand {@link #continuation()} to
 * {@link QueryOptions#startingAt(String)} to read on later, from this or another process:
 *
 * <pre>{@code
 * QueryOptions options = QueryOptions.ofPageSize(500);
 * QueryPage<TwinDocument> page = client.queries().twinPage(query, options);
 * // ... later
 * page = client.queries().twinPage(query, options.startingAt(page.continuation().orElseThrow()));
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param <T> the row type: {@link io.twinkit.core.TwinDocument} or {@link io.twinkit.core.json.JsonObject}
 */
public final class QueryPage<T> {

    private final List<T> items;
    private final @Nullable String continuation;

    /**
     * Creates a page.
     *
     * @param items the rows of the page, in the hub's order
     * @param continuation where the next page starts, or null when this is the last page
     * @throws IllegalArgumentException if the continuation is blank
     */
    public QueryPage(List<T> items, @Nullable String continuation) {
        if (continuation != null && continuation.isBlank()) {
            throw new IllegalArgumentException("continuation must be null or non-blank");
        }
        this.items = List.copyOf(items);
        this.continuation = continuation;
    }

    /** Returns the rows of this page, in the hub's order; empty only for a query with no (more) rows. */
    public List<T> items() {
        return items;
    }

    /**
     * Returns the opaque position after this page, or empty when the query has no more rows. Against a hub that fills
     * its pages it is the hub's own {@code x-ms-continuation} token.
     */
    public Optional<String> continuation() {
        return Optional.ofNullable(continuation);
    }

    /** Returns whether rows follow this page. */
    public boolean hasMore() {
        return continuation != null;
    }

    /**
     * Returns the same page with each row mapped.
     *
     * @param <R> the new row type
     * @param mapper maps one row
     * @return the mapped page
     */
    public <R> QueryPage<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new QueryPage<>(items.stream().<R>map(mapper).toList(), continuation);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof QueryPage<?> other && items.equals(other.items)
                && Objects.equals(continuation, other.continuation);
    }

    @Override
    public int hashCode() {
        return 31 * items.hashCode() + Objects.hashCode(continuation);
    }

    @Override
    public String toString() {
        return "QueryPage[" + items.size() + " items" + (continuation == null ? ", last]" : ", more]");
    }
}
