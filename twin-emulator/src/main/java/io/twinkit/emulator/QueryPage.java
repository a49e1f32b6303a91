package io.twinkit.emulator;

import io.twinkit.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a query result, as the service's {@code POST /devices/query} answers it: the items, their
 * {@link QueryItemType} ({@code x-ms-item-type}) and, when more items remain, the continuation token
 * ({@code x-ms-continuation}) that asks for the next page. The last page, and the single empty page of a query that
 * matches nothing, have no token.
 *
 * <p>Immutable and thread-safe; {@code equals} compares items (by JSON equality), type and token.
 */
public final class QueryPage {

    private final List<JsonObject> items;
    private final QueryItemType itemType;
    private final @Nullable String continuation;

    private QueryPage(List<JsonObject> items, QueryItemType itemType, @Nullable String continuation) {
        this.items = items;
        this.itemType = itemType;
        this.continuation = continuation;
    }

    /**
     * Returns a page.
     *
     * @param items the items, in result order
     * @param itemType what the items are
     * @param continuation the token of the next page, or {@code null} on the last page
     * @throws IllegalArgumentException if {@code continuation} is empty
     */
    public static QueryPage of(List<JsonObject> items, QueryItemType itemType, @Nullable String continuation) {
        Objects.requireNonNull(itemType, "itemType");
        if (continuation != null && continuation.isEmpty()) {
            throw new IllegalArgumentException("a continuation token must not be empty; use null on the last page");
        }
        return new QueryPage(List.copyOf(items), itemType, continuation);
    }

    /** Returns the items: whole twins for {@link QueryItemType#TWIN}, rows for {@link QueryItemType#RAW}. */
    public List<JsonObject> items() {
        return items;
    }

    /** Returns what the items are. */
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

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof QueryPage other && items.equals(other.items) && itemType == other.itemType
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
