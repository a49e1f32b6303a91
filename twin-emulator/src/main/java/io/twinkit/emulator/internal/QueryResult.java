package io.twinkit.emulator.internal;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.QueryItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The full, immutable result of one query evaluation, from which pages are cut. Whole twins are kept as
 * {@link TwinDocument}s and turned into JSON one page at a time, so a large {@code SELECT *} costs its JSON only for
 * the pages that are read.
 */
public final class QueryResult {

    private final QueryItemType itemType;
    private final List<TwinDocument> twins;
    private final List<JsonObject> rows;

    private QueryResult(QueryItemType itemType, List<TwinDocument> twins, List<JsonObject> rows) {
        this.itemType = itemType;
        this.twins = twins;
        this.rows = rows;
    }

    /** Returns the result of a {@code SELECT *} over twins, of type {@link QueryItemType#TWIN}. */
    public static QueryResult ofTwins(List<TwinDocument> twins) {
        return new QueryResult(QueryItemType.TWIN, List.copyOf(twins), List.of());
    }

    /**
     * Returns a result of ready rows.
     *
     * @throws IllegalArgumentException if {@code itemType} is {@link QueryItemType#TWIN}; use {@link #ofTwins}
     */
    public static QueryResult ofRows(QueryItemType itemType, List<JsonObject> rows) {
        if (Objects.requireNonNull(itemType, "itemType") == QueryItemType.TWIN) {
            throw new IllegalArgumentException("twin results hold TwinDocuments; use ofTwins");
        }
        return new QueryResult(itemType, List.of(), List.copyOf(rows));
    }

    /** Returns what the items are. */
    public QueryItemType itemType() {
        return itemType;
    }

    /** Returns the number of items. */
    public int size() {
        return itemType == QueryItemType.TWIN ? twins.size() : rows.size();
    }

    /**
     * Returns the items from {@code from} (inclusive) to {@code to} (exclusive), as JSON.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
     */
    public List<JsonObject> items(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        if (itemType != QueryItemType.TWIN) {
            return rows.subList(from, to);
        }
        List<JsonObject> page = new ArrayList<>(to - from);
        for (TwinDocument twin : twins.subList(from, to)) {
            page.add(twin.toJson());
        }
        return page;
    }
}
