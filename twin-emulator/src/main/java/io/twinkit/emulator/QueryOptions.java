package io.twinkit.emulator;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * How one {@link QueryService#query} call pages: the page size it asks for (the service's {@code x-ms-max-item-count}
 * header) and the continuation token of the page before (its {@code x-ms-continuation} header).
 *
 * <pre>{@code
 * QueryOptions options = QueryOptions.defaults().withPageSize(50);
 * QueryPage page = hub.queries().query(sql, options);
 * while (page.continuation().isPresent()) {
 *     page = hub.queries().query(sql, options.withContinuation(page.continuation().get()));   // same sql
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code equals} compares both settings.
 */
public final class QueryOptions {

    private static final QueryOptions DEFAULTS = new QueryOptions(null, null);

    private final @Nullable Integer pageSize;
    private final @Nullable String continuation;

    private QueryOptions(@Nullable Integer pageSize, @Nullable String continuation) {
        this.pageSize = pageSize;
        this.continuation = continuation;
    }

    /** Returns the options of a first page of the hub's default size ({@link HubOptions#defaultPageSize()}). */
    public static QueryOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options asking for pages of {@code size} items. Like the service, the hub may answer with another
     * size: it clamps the request to {@code 1..}{@link HubOptions#maxPageSize()}, so {@code 0} or a negative size gets
     * pages of one item and {@code 5000} pages of 1000 by default.
     */
    public QueryOptions withPageSize(int size) {
        return new QueryOptions(size, continuation);
    }

    /**
     * Returns these options continuing after the page whose {@link QueryPage#continuation()} is {@code token}, or
     * starting at the first page for {@code null}. A continuation is only valid with the exact query text that
     * produced it.
     */
    public QueryOptions withContinuation(@Nullable String token) {
        return new QueryOptions(pageSize, token);
    }

    /** Returns the requested page size, if one was set. */
    public OptionalInt pageSize() {
        return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
    }

    /** Returns the continuation token, if this asks for a page after the first. */
    public Optional<String> continuation() {
        return Optional.ofNullable(continuation);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof QueryOptions other && Objects.equals(pageSize, other.pageSize)
                && Objects.equals(continuation, other.continuation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pageSize, continuation);
    }

    /** Returns the settings, for diagnostics. */
    @Override
    public String toString() {
        return "QueryOptions[pageSize=" + (pageSize == null ? "default" : pageSize)
                + (continuation == null ? "" : ", continuation=" + continuation) + "]";
    }
}
