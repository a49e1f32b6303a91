package io.twinkit.emulator.internal.query;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.query.QueryItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The full, immutable result of one query evaluation, from which pages are cut, and an estimate of the heap it holds
 * ({@link #retainedBytes()}), by which {@link CursorCache} bounds what open cursors keep.
 *
 * <p>Twins are immutable and shared with the hub's store, so a result of twins keeps references to them and turns them
 * into JSON one page at a time: a {@code SELECT *} keeps the matching twins, a projection the matching twins and the
 * projection that makes a row of each. Device job records are kept likewise and rendered a page at a time. Only rows
 * that are neither (groups of aggregates) are kept as JSON.
 */
public final class QueryResult {

    /** The bytes counted for each twin a result refers to: one reference in its list. */
    public static final long BYTES_PER_TWIN = 8;

    /** The bytes counted for a result whatever it holds: the result, its list and its cursor's entry. */
    public static final long BYTES_PER_RESULT = 256;

    /**
     * The heap counted per byte of a kept row's JSON: a parsed row holds its strings in UTF-16 and an object per
     * member and value, several times its JSON length.
     */
    public static final long HEAP_PER_JSON_BYTE = 4;

    /** The heap counted for each kept row beside its JSON length: the row object and its member table. */
    public static final long BYTES_PER_ROW = 64;

    private static final TwinJson JSON = TwinJson.standard();

    private final QueryItemType itemType;
    private final List<?> sources;
    private final Function<Object, JsonObject> toItem;
    private final List<JsonObject> rows;
    private final long retainedBytes;

    @SuppressWarnings("unchecked")
    private <T> QueryResult(QueryItemType itemType, List<T> sources, Function<? super T, JsonObject> toItem,
                            List<JsonObject> rows, long retainedBytes) {
        this.itemType = itemType;
        this.sources = sources;
        this.toItem = (Function<Object, JsonObject>) toItem;
        this.rows = rows;
        this.retainedBytes = retainedBytes;
    }

    /** Returns the result of a {@code SELECT *} over twins, of type {@link QueryItemType#TWIN}. */
    public static QueryResult ofTwins(List<TwinDocument> twins) {
        return ofProjection(QueryItemType.TWIN, twins, TwinDocument::toJson);
    }

    /**
     * Returns a result with an item per twin, made by {@code projection} when its page is read: a projection query's
     * rows ({@link QueryItemType#RAW}) or whole twins ({@link QueryItemType#TWIN}).
     *
     * @param projection turns one twin into its item; called again each time a page holding it is read
     */
    public static QueryResult ofProjection(QueryItemType itemType, List<TwinDocument> twins,
                                           Function<TwinDocument, JsonObject> projection) {
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(projection, "projection");
        List<TwinDocument> kept = List.copyOf(twins);
        return new QueryResult(itemType, kept, projection, List.of(),
                BYTES_PER_RESULT + BYTES_PER_TWIN * kept.size());
    }

    /**
     * Returns a result with an item per source object, rendered by {@code render} when its page is read: for items
     * that are not twins, such as device job records.
     *
     * @param <T> the type of the source objects, immutable
     * @param bytesPerItem the heap each kept source object counts, its reference included
     */
    public static <T> QueryResult ofItems(QueryItemType itemType, List<T> items, Function<? super T, JsonObject> render,
                                          long bytesPerItem) {
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(render, "render");
        List<T> kept = List.copyOf(items);
        return new QueryResult(itemType, kept, render, List.of(), BYTES_PER_RESULT + bytesPerItem * kept.size());
    }

    /**
     * Returns a result of ready rows, counted by the length of their JSON.
     *
     * @throws IllegalArgumentException if {@code itemType} is {@link QueryItemType#TWIN}; use {@link #ofTwins}
     */
    public static QueryResult ofRows(QueryItemType itemType, List<JsonObject> rows) {
        if (Objects.requireNonNull(itemType, "itemType") == QueryItemType.TWIN) {
            throw new IllegalArgumentException("twin results hold TwinDocuments; use ofTwins");
        }
        List<JsonObject> kept = List.copyOf(rows);
        long bytes = BYTES_PER_RESULT;
        for (JsonObject row : kept) {
            bytes += BYTES_PER_TWIN + BYTES_PER_ROW + HEAP_PER_JSON_BYTE * row.toJsonBytes().length;
        }
        return new QueryResult(itemType, List.of(), source -> {
            throw new IllegalStateException("a result of rows has no sources");
        }, kept, bytes);
    }

    /** Returns what the items are. */
    public QueryItemType itemType() {
        return itemType;
    }

    /** Returns the number of items. */
    public int size() {
        return rows.isEmpty() ? sources.size() : rows.size();
    }

    /**
     * Returns an estimate of the heap this result keeps alive beyond the twins it shares with the hub's store:
     * {@link #BYTES_PER_RESULT}, {@link #BYTES_PER_TWIN} per twin, and for each kept row {@link #BYTES_PER_ROW} and
     * {@link #HEAP_PER_JSON_BYTE} per byte of its JSON.
     */
    public long retainedBytes() {
        return retainedBytes;
    }

    /**
     * Returns the items from {@code from} (inclusive) to {@code to} (exclusive), as JSON.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
     */
    public List<JsonObject> items(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        if (!rows.isEmpty()) {
            return rows.subList(from, to);
        }
        List<JsonObject> page = new ArrayList<>(to - from);
        for (Object source : sources.subList(from, to)) {
            page.add(toItem.apply(source));
        }
        return page;
    }
}
