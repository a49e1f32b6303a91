package io.twinkit.emulator.internal.store;

import io.twinkit.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a hub keeps its state: records (JSON objects) by namespace and key. {@link #commit} applies a batch of
 * mutations atomically and durably: when it returns, the batch survives a crash of the process (SIGKILL); when it
 * throws, none of it was applied. The hub calls {@code commit} before acknowledging a write, under the lock of what it
 * writes, so commits of one record are never reordered.
 */
public interface HubStorage extends AutoCloseable {

    /** What a record is. */
    enum Namespace {
        /** Device and module identities, by {@code TwinKey} text. */
        IDENTITIES,
        /** Twin state, by {@code TwinKey} text. */
        TWINS,
        /** Shared access policies, by name. */
        POLICIES,
        /** Hub-wide values (format version, counters). */
        META,
        /** Automatic device and module configurations, by configuration id. */
        CONFIGURATIONS,
        /** Scheduled jobs and their progress, by job id (and {@code jobId/...} for a job's further records). */
        JOBS
    }

    /**
     * One change of a batch.
     *
     * @param namespace the namespace
     * @param key the record key
     * @param value the new record, or {@code null} to delete it
     */
    record Mutation(Namespace namespace, String key, @Nullable JsonObject value) {
        /** Creates a mutation. */
        public Mutation {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(key, "key");
        }

        /** Returns a put. */
        public static Mutation put(Namespace namespace, String key, JsonObject value) {
            return new Mutation(namespace, key, Objects.requireNonNull(value, "value"));
        }

        /** Returns a delete. */
        public static Mutation delete(Namespace namespace, String key) {
            return new Mutation(namespace, key, null);
        }
    }

    /**
     * Returns every record of {@code namespace}, by key.
     *
     * @throws io.twinkit.emulator.HubStorageException if the store cannot be read
     */
    Map<String, JsonObject> load(Namespace namespace);

    /**
     * Applies {@code mutations} atomically and durably. A persistent storage may commit calls that arrive together as
     * one batch (group commit); each call stays all-or-nothing, returns only once its batch is durable, and fails when
     * its batch fails.
     *
     * @throws io.twinkit.emulator.HubStorageException if they cannot be made durable; then none is applied
     */
    void commit(List<Mutation> mutations);

    /**
     * Returns what recovering a damaged store at open gave up, one sentence per loss; empty when the store was intact
     * or recovery was not asked for (always empty in memory).
     */
    default List<String> recovered() {
        return List.of();
    }

    /** Returns whether this storage keeps anything beyond the process (false for memory). */
    boolean isPersistent();

    /** Flushes and releases the store. */
    @Override
    void close();

    /** Returns a storage that keeps nothing: the hub's in-memory state is all there is. */
    static HubStorage inMemory() {
        return InMemoryStorage.INSTANCE;
    }
}
