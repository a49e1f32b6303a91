package io.twinkit.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query result, as the service's {@code POST /devices/query} answers it: the items, what they are
 * ({@link QueryItemType}, the {@code x-ms-item-type} header) and, when more items remain, the continuation token
 * ({@code x-ms-continuation}) that asks for the next page through {@link QueryOptions#withContinuation(String)}. The
 * last page, and the single empty page of a query that matches nothing, have no token.
 *
 * <pre>{@code
 * QueryPage<TwinDocument> page = client.queries().twinPage(query, QueryOptions.ofPageSize(500));
 * // ... later, in this or another process
 * page = client.queries().twinPage(query, QueryOptions.ofPageSize(500)
 *         .withContinuation(page.continuation().orElseThrow()));
 * }</pre>
 *
 * <p>Immutable and thread-safe when the items are; {@code equals} compares items, type and token.
 *
 * @param <T> the item type, e.g. {@code JsonObject} for the hub's raw items or {@code TwinDocument} for twins
 */
public final class QueryPage<T> {

    private final List<T> items;
    private final QueryItemType itemType;
    private final @Nullable String continuation;

    private QueryPage(List<T> items, QueryItemType itemType, @Nullable String continuation) {
        this.items = items;
        this.itemType = itemType;
        this.continuation = continuation;
    }

    /**
     * Returns a page.
     *
     * @param <T> the item type
     * @param items the items, in result order
     * @param itemType what the items are
     * @param continuation the token of the next page, or {@code null} on the last page
     * @return the page
     * @throws IllegalArgumentException if {@code continuation} is blank
     */
    public static <T> QueryPage<T> of(List<T> items, QueryItemType itemType, @Nullable String continuation) {
        Objects.requireNonNull(itemType, "itemType");
        if (continuation != null && continuation.isBlank()) {
            throw new IllegalArgumentException("a continuation token must not be blank; use null on the last page");
        }
        return new QueryPage<>(List.copyOf(items), itemType, continuation);
    }

    /** Returns the items, in result order; empty only for a query with no (more) items. */
    public List<T> items() {
        return items;
    }

    /** Returns what the items are: whole twins, plain rows or device job records. */
    public QueryItemType itemType() {
        return itemType;
    }

    /** Returns the token that asks for the next page, absent on the last page. */
    public Optional<String> continuation() {
        return Optional.ofNullable(continuation);
    }

    /** Returns whether more pages follow, that is whether there is a continuation token. */
    public boolean hasMore() {
        return continuation != null;
    }

    /**
     * Returns the same page with each item mapped.
     *
     * @param <R> the new item type
     * @param mapper maps one item
     * @return the mapped page, of the same item type and token
     */
    public <R> QueryPage<R> map(Function<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new QueryPage<>(items.stream().<R>map(mapper).toList(), itemType, continuation);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof QueryPage<?> other && items.equals(other.items) && itemType == other.itemType
                && Objects.equals(continuation, other.continuation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, itemType, continuation);
    }

    /** Returns the size, type and token of the page, for diagnostics. */
    @Override
    public String toString() {
        return "QueryPage[" + items.size() + " " + itemType.wireName() + " item(s)"
                + (continuation == null ? ", last" : ", continuation=" + continuation) + "]";
    }
}
