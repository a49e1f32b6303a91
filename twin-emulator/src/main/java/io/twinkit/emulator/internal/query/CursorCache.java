package io.twinkit.emulator.internal.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The results of queries whose later pages are still to be read, by {@link CursorId}. Bounded three ways: a cursor
 * that has not been read for the idle timeout (by the hub's clock) is dropped; when the cache holds its capacity of
 * cursors, or the {@link QueryResult#retainedBytes()} of its cursors would pass its byte budget, the cursors read least
 * recently make room for a new one; and a result larger than the whole budget is not kept at all. So whatever
 * sequence of queries arrives, the results kept here count at most the budget. Reading a cursor does not consume it,
 * so a retried page request gets the same page again.
 *
 * <p>Thread-safe.
 */
public final class CursorCache {

    /** The number of cursors a hub keeps by default. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** How long a hub keeps a cursor after its last read by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** The bytes of results a hub keeps by default, 64 MiB: for example 8 million twins in paged results. */
    public static final long DEFAULT_BYTE_BUDGET = 64L * 1024 * 1024;

    private final int capacity;
    private final Duration idleTimeout;
    private final long byteBudget;
    private final Clock clock;
    // access order: the eldest entry is the one read least recently, the first to expire and to be evicted
    private final LinkedHashMap<CursorId, Entry> cursors = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /**
     * Creates an empty cache with the default byte budget.
     *
     * @param capacity the most cursors kept at once
     * @param idleTimeout how long a cursor is kept after its last read
     * @param clock the clock that times reads
     * @throws IllegalArgumentException if {@code capacity} or {@code idleTimeout} is not positive
     */
    public CursorCache(int capacity, Duration idleTimeout, Clock clock) {
        this(capacity, idleTimeout, DEFAULT_BYTE_BUDGET, clock);
    }

    /**
     * Creates an empty cache.
     *
     * @param capacity the most cursors kept at once
     * @param idleTimeout how long a cursor is kept after its last read
     * @param byteBudget the most {@link QueryResult#retainedBytes()} kept at once, summed over the cursors
     * @param clock the clock that times reads
     * @throws IllegalArgumentException if {@code capacity}, {@code idleTimeout} or {@code byteBudget} is not positive
     */
    public CursorCache(int capacity, Duration idleTimeout, long byteBudget, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cursor capacity must be positive: " + capacity);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("cursor idle timeout must be positive: " + idleTimeout);
        }
        if (byteBudget < 1) {
            throw new IllegalArgumentException("cursor byte budget must be positive: " + byteBudget);
        }
        this.capacity = capacity;
        this.idleTimeout = idleTimeout;
        this.byteBudget = byteBudget;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Returns the most cursors kept at once. */
    public int capacity() {
        return capacity;
    }

    /** Returns how long a cursor is kept after its last read. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns the most {@link QueryResult#retainedBytes()} kept at once. */
    public long byteBudget() {
        return byteBudget;
    }

    /**
     * Keeps {@code result} under a fresh id and returns the id, first dropping the cursors read least recently until
     * there is room for it.
     *
     * @throws IllegalArgumentException if the result alone counts more than the byte budget; nothing is dropped then
     */
    public synchronized CursorId open(QueryResult result) {
        Objects.requireNonNull(result, "result");
        long size = result.retainedBytes();
        if (size > byteBudget) {
            throw new IllegalArgumentException("a result of " + size + " bytes exceeds the cursor budget of "
                    + byteBudget + " bytes");
        }
        Instant now = clock.instant();
        expire(now);
        Iterator<Entry> eldest = cursors.values().iterator();
        while (cursors.size() >= capacity || bytes + size > byteBudget) {
            bytes -= eldest.next().result.retainedBytes();
            eldest.remove();
        }
        CursorId id = CursorId.random();
        cursors.put(id, new Entry(result, now));
        bytes += size;
        return id;
    }

    /** Returns the result kept under {@code id} and marks it read now, or {@code null} if it expired or never was. */
    public synchronized @Nullable QueryResult read(CursorId id) {
        Objects.requireNonNull(id, "id");
        Instant now = clock.instant();
        expire(now);
        Entry entry = cursors.get(id);
        if (entry == null) {
            return null;
        }
        entry.lastRead = now;
        return entry.result;
    }

    /** Returns the number of cursors kept, expired ones included until the next open or read drops them. */
    public synchronized int size() {
        return cursors.size();
    }

    /** Returns the {@link QueryResult#retainedBytes()} of the cursors kept, summed; at most the byte budget. */
    public synchronized long bytes() {
        return bytes;
    }

    private void expire(Instant now) {
        Iterator<Entry> entries = cursors.values().iterator();
        while (entries.hasNext()) {
            Entry entry = entries.next();
            if (!expired(entry, now)) {
                // reads are in access order, so every later entry was read more recently
                return;
            }
            entries.remove();
            bytes -= entry.result.retainedBytes();
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return Duration.between(entry.lastRead, now).compareTo(idleTimeout) >= 0;
    }

    /** A kept result and when it was last read. */
    private static final class Entry {
        final QueryResult result;
        Instant lastRead;

        Entry(QueryResult result, Instant lastRead) {
            this.result = result;
            this.lastRead = lastRead;
        }
    }

    /** Returns the size and bounds, for diagnostics. */
    @Override
    public synchronized String toString() {
        return "CursorCache[" + cursors.size() + " of " + capacity + ", " + bytes + " of " + byteBudget + " bytes, idle "
                + idleTimeout + "]";
    }
}
