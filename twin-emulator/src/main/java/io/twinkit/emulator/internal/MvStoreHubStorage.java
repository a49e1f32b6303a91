package io.twinkit.emulator.internal;

import static io.twinkit.emulator.internal.MvStoreFiles.failure;
import static io.twinkit.emulator.internal.MvStoreFiles.reason;

import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.jspecify.annotations.Nullable;

/**
 * A {@link HubStorage} in one H2 MVStore file, {@code hub.mv.db} in the data directory: one map per
 * {@link HubStorage.Namespace} holding compact JSON, plus a map with the storage format version. Each
 * {@link #commit} is one MVStore version, written and synced to the disk before it returns; auto-commit is off, so a
 * crash leaves the file at the last committed batch.
 *
 * <p>A data directory is open at most once: a second open in this process is refused here, one in another process by
 * MVStore's file lock. Thread-safe: commits are serialized.
 */
public final class MvStoreHubStorage implements HubStorage {

    /** The storage format this version writes and the newest it reads. */
    static final int FORMAT_VERSION = 1;

    /** The map holding {@link #FORMAT_KEY}; not a namespace, so the hub's own META records cannot collide with it. */
    static final String STORAGE_MAP = "storage";

    /** The key of the storage format version in {@link #STORAGE_MAP}. */
    static final String FORMAT_KEY = "format";

    // MVStore's file lock only works across processes: within one JVM a second open would fail with a leaked file
    // channel whose eventual close drops the first store's lock, so directories open here are tracked by hand.
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private static final TwinJson JSON = TwinJson.standard();

    private final Path directory;
    private final Path file;
    private final String fileSystemPrefix;
    private final Map<Namespace, MVMap<String, String>> maps = new EnumMap<>(Namespace.class);
    private MVStore store;
    private volatile CommitProbe probe = CommitProbe.NONE;
    private @Nullable HubStorageException broken;
    private boolean closed;

    private MvStoreHubStorage(Path directory, String fileSystemPrefix) {
        this.directory = directory;
        this.file = directory.resolve(MvStoreFiles.FILE_NAME);
        this.fileSystemPrefix = fileSystemPrefix;
        this.store = openMaps();
    }

    /**
     * Opens the hub store in {@code dataDirectory}, creating the directory and the file if needed.
     *
     * @throws HubStorageException if the directory cannot be created or written, the file is corrupt or was written
     *         by a newer storage format, or the directory is already open in this or another process
     */
    public static MvStoreHubStorage open(Path dataDirectory) {
        return open(dataDirectory, "");
    }

    /** Opens the store through an H2 file system such as {@code "memFS:"}; tests use it to make writes fail. */
    static MvStoreHubStorage open(Path dataDirectory, String fileSystemPrefix) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(fileSystemPrefix, "fileSystemPrefix");
        Path directory = MvStoreFiles.createDirectory(dataDirectory);
        if (!OPEN_DIRECTORIES.add(directory)) {
            throw new HubStorageException("data directory " + dataDirectory + " is already open in this process;"
                    + " close the hub that uses it first");
        }
        try {
            return new MvStoreHubStorage(directory, fileSystemPrefix);
        } catch (RuntimeException | Error e) {
            OPEN_DIRECTORIES.remove(directory);
            throw e;
        }
    }

    private MVStore openMaps() {
        MVStore opened = MvStoreFiles.openStore(file, fileSystemPrefix);
        try {
            MVMap<String, String> storage = opened.openMap(STORAGE_MAP, stringMap());
            boolean fresh = opened.getMapNames().equals(Set.of(STORAGE_MAP)) && storage.isEmpty();
            if (fresh) {
                storage.put(FORMAT_KEY, Integer.toString(FORMAT_VERSION));
            } else {
                checkFormat(storage.get(FORMAT_KEY));
            }
            maps.clear();
            for (Namespace namespace : Namespace.values()) {
                maps.put(namespace, opened.openMap(namespace.name().toLowerCase(Locale.ROOT), stringMap()));
            }
            if (fresh) {
                opened.commit();
                opened.sync();
            }
            return opened;
        } catch (HubStorageException e) {
            opened.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            opened.closeImmediately();
            throw failure("hub store " + file + " cannot be opened: " + reason(e), e);
        }
    }

    private void checkFormat(@Nullable String format) {
        if (format == null) {
            throw new HubStorageException("hub store " + file + " is not a twinkit hub store: it has no storage"
                    + " format record");
        }
        int version;
        try {
            version = Integer.parseInt(format);
        } catch (NumberFormatException e) {
            throw failure("hub store " + file + " has an unreadable storage format '" + format + "'", e);
        }
        if (version > FORMAT_VERSION) {
            throw new HubStorageException("hub store " + file + " has storage format " + version
                    + ", written by a newer twinkit; this version reads formats up to " + FORMAT_VERSION);
        }
        if (version < 1) {
            throw new HubStorageException("hub store " + file + " has an invalid storage format " + version);
        }
    }

    /** Returns the builder of every map: string keys and values, stored as such rather than as Java objects. */
    static MVMap.Builder<String, String> stringMap() {
        return new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE);
    }

    /** Returns the real path of the data directory. */
    public Path directory() {
        return directory;
    }

    /**
     * {@inheritDoc}
     *
     * @throws HubStorageException if the store is closed, unusable after an earlier failure, or a record is not
     *         JSON
     */
    @Override
    public synchronized Map<String, JsonObject> load(Namespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        ensureUsable();
        Map<String, JsonObject> records = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> entry : maps.get(namespace).entrySet()) {
                records.put(entry.getKey(), parse(namespace, entry.getKey(), entry.getValue()));
            }
        } catch (HubStorageException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("reading " + namespace + " from hub store " + file + " failed: " + reason(e), e);
        }
        return records;
    }

    private JsonObject parse(Namespace namespace, String key, String json) {
        try {
            return JSON.readObject(json);
        } catch (RuntimeException e) {
            throw failure("record " + namespace + "/" + key + " in hub store " + file + " is not a JSON object: "
                    + reason(e), e);
        }
    }

    /**
     * {@inheritDoc} When this returns, the batch is synced to the disk.
     *
     * @throws HubStorageException if the batch cannot be written or synced; none of it is then visible, in memory or
     *         in the file
     */
    @Override
    public synchronized void commit(List<Mutation> mutations) {
        Objects.requireNonNull(mutations, "mutations");
        ensureUsable();
        if (mutations.isEmpty()) {
            return;
        }
        // serialize first: a value that cannot be written must fail the batch before any map changes
        @Nullable String[] values = new String[mutations.size()];
        for (int i = 0; i < values.length; i++) {
            JsonObject value = Objects.requireNonNull(mutations.get(i), "mutation").value();
            values[i] = value == null ? null : JSON.writeValueAsString(value);
        }
        long before = store.getCurrentVersion();
        boolean stored = false;
        try {
            for (int i = 0; i < values.length; i++) {
                Mutation mutation = mutations.get(i);
                MVMap<String, String> map = maps.get(mutation.namespace());
                String value = values[i];
                if (value == null) {
                    map.remove(mutation.key());
                } else {
                    map.put(mutation.key(), value);
                }
                probe.afterWrite(i);
            }
            store.commit();
            stored = true;
            probe.afterStore();
            store.sync();
        } catch (RuntimeException | Error e) {
            Throwable undoFailure = undo(before, stored);
            String outcome = undoFailure == null ? "none was applied"
                    : "undoing it failed as well (" + reason(undoFailure) + "), so the store refuses all work until"
                            + " the data directory is reopened";
            HubStorageException failure = failure("committing " + mutations.size() + " mutation(s) to hub store "
                    + file + " in data directory " + directory + " failed, " + outcome + ": " + reason(e), e);
            if (undoFailure != null) {
                failure.addSuppressed(undoFailure);
                broken = failure;
            }
            throw failure;
        }
    }

    /**
     * Brings memory and file back to version {@code before}; returns why that failed, or {@code null}. A store that
     * could not be brought back is closed: what its file holds is unknown until it is reopened.
     */
    private @Nullable Throwable undo(long before, boolean stored) {
        try {
            if (store.isClosed()) {
                // MVStore closes itself when writing a chunk fails: the file still ends at the last complete chunk
                store = openMaps();
            } else {
                store.rollbackTo(before);
                if (stored) {
                    store.sync();
                }
            }
            return null;
        } catch (RuntimeException | Error e) {
            store.closeImmediately();
            return e;
        }
    }

    private void ensureUsable() {
        if (closed) {
            throw new HubStorageException("hub store " + file + " is closed");
        }
        HubStorageException failure = broken;
        if (failure != null) {
            throw failure("hub store " + file + " is unusable since a commit failed and could not be undone; reopen"
                    + " the data directory " + directory, failure);
        }
    }

    /** Returns {@code true}: the records outlive the process. */
    @Override
    public boolean isPersistent() {
        return true;
    }

    /**
     * Writes anything pending and releases the file and the directory; does nothing when already closed.
     *
     * @throws HubStorageException if the file cannot be closed cleanly; the directory is released anyway
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!store.isClosed()) {
                store.close();
            }
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw failure("closing hub store " + file + " failed: " + reason(e), e);
        } finally {
            OPEN_DIRECTORIES.remove(directory);
        }
    }

    /** Installs {@code probe} to inject failures into later commits. */
    void probe(CommitProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Returns a text naming the store file. */
    @Override
    public String toString() {
        return "MvStoreHubStorage[" + file + "]";
    }
}
