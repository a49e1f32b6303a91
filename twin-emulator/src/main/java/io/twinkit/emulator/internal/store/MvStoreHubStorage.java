package io.twinkit.emulator.internal.store;

import static io.twinkit.emulator.internal.store.MvStoreFiles.failure;
import static io.twinkit.emulator.internal.store.MvStoreFiles.reason;

import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HubStorage} in one H2 MVStore file, {@code hub.mv.db} in the data directory: one map per
 * {@link HubStorage.Namespace} holding compact JSON, plus a map with the storage format version, the store's id and
 * its commit counter. Auto-commit is off, so a crash leaves the file at the last committed batch.
 *
 * <p>Group commit: {@link #commit} calls that arrive while a batch is being written and synced queue up and join the
 * next batch, which is one MVStore version and one sync. The first queued caller (the leader) takes every queued write,
 * up to {@link #MAX_BATCH_WRITES} writes and {@link #MAX_BATCH_BYTES} characters of keys and values (always at least
 * one write), applies them in the order they arrived, commits, syncs and wakes the callers of the batch; the next
 * queued caller leads the next batch. So a write waits for at most the batch in progress when it arrives and its own
 * (unless more than a batch's bounds queued before it), and each {@code commit} returns only once its batch is
 * durable. A batch that fails is rolled back to the version before it and refuses every write in it with the store's
 * error; the counter and marker then stay at the last good batch. With {@link Durability#RELAXED} a batch is
 * acknowledged once written to the file, and the file is synced every {@link Durability#RELAXED_SYNC_MILLIS} ms.
 *
 * <p>Integrity: every record carries a CRC32C of its map, key and text ({@link RecordSeal}), checked on every read
 * and, for all records, when the store opens; a record that fails it is never returned. Each commit also raises the
 * counter and then writes it to the {@link CommitMarker} beside the file, so a store that silently lost its newest
 * commits (MVStore opens the last complete chunk of a truncated file) is found behind the marker. A store that fails
 * a check, lost acknowledged commits, or is missing or empty while the directory held a hub is refused at open,
 * naming the file and the damage, unless it is opened with recovery, which keeps what is intact, drops the rest and
 * reports what was lost. Files are owner-only ({@link MvStoreFiles}).
 *
 * <p>A data directory is open at most once: a second open in this process is refused here, one in another process by
 * MVStore's file lock. Thread-safe: batches are serialized, and only the leader of a batch (or the periodic sync of
 * relaxed mode) touches the store while it works, outside the lock that guards the queue.
 */
public final class MvStoreHubStorage implements HubStorage {

    /** The storage format this version writes and the newest it reads; format 1 (no checks) is upgraded at open. */
    static final int FORMAT_VERSION = 2;

    /** The map holding {@link #FORMAT_KEY}; not a namespace, so the hub's own META records cannot collide with it. */
    static final String STORAGE_MAP = "storage";

    /** The key of the storage format version in {@link #STORAGE_MAP}, the one record kept without a check. */
    static final String FORMAT_KEY = "format";

    /** The key of the store's random id, in hex, in {@link #STORAGE_MAP}; the commit marker names it. */
    static final String ID_KEY = "id";

    /** The key of the commit counter in {@link #STORAGE_MAP}: how many commits the store has taken. */
    static final String COMMIT_KEY = "commit";

    /** The most writes ({@link #commit} calls) one batch takes. */
    static final int MAX_BATCH_WRITES = 1024;

    /** The most characters of keys and values one batch takes, unless its first write alone is larger. */
    static final long MAX_BATCH_BYTES = 4L << 20;

    /** The most records a message names one by one. */
    private static final int NAMED = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MvStoreHubStorage.class);

    // MVStore's file lock only works across processes: within one JVM a second open would fail with a leaked file
    // channel whose eventual close drops the first store's lock, so directories open here are tracked by hand.
    private static final Set<Path> OPEN_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private static final TwinJson JSON = TwinJson.standard();

    private final Path directory;
    private final Path file;
    private final Path markerFile;
    private final String fileSystemPrefix;
    private final Map<Namespace, MVMap<String, String>> maps = new EnumMap<>(Namespace.class);
    private final List<String> recovered = new ArrayList<>();
    private final CommitMarker marker;
    private final Durability durability;
    /** Guards the queue, the leader's role and the closed state; the leader works on the store without it. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a leader gives up its role. */
    private final Condition turn = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final @Nullable ScheduledFuture<?> syncs;
    /** Whether a leader (or the periodic sync) is working on the store. */
    private boolean leading;
    /** The last commit synced to the disk. */
    private long synced;
    private boolean syncFailed;
    private MVStore store;
    private MVMap<String, String> storageMap;
    private long storeId;
    private long commits;
    private volatile CommitProbe probe = CommitProbe.NONE;
    private int maxBatchWrites = MAX_BATCH_WRITES;
    private long maxBatchBytes = MAX_BATCH_BYTES;
    private @Nullable HubStorageException broken;
    private boolean markerFailed;
    private boolean closed;

    private MvStoreHubStorage(Path directory, String fileSystemPrefix, boolean recover, Durability durability) {
        this.directory = directory;
        this.durability = durability;
        this.file = directory.resolve(MvStoreFiles.FILE_NAME);
        this.markerFile = directory.resolve(CommitMarker.FILE_NAME);
        this.fileSystemPrefix = fileSystemPrefix;
        StartCheck check = new StartCheck(recover);
        this.store = check.open();
        CommitMarker opened = null;
        try {
            check.verify();
            opened = CommitMarker.open(markerFile);
            opened.write(storeId, commits);
            opened.force();
        } catch (IOException e) {
            closeAfterFailedOpen(opened, e);
            throw failure("commit marker " + markerFile + " cannot be written: " + reason(e), e);
        } catch (RuntimeException | Error e) {
            closeAfterFailedOpen(opened, e);
            throw e;
        }
        this.marker = opened;
        this.synced = commits;
        this.syncs = durability == Durability.RELAXED ? Syncs.EXECUTOR.scheduleWithFixedDelay(this::syncRelaxed,
                Durability.RELAXED_SYNC_MILLIS, Durability.RELAXED_SYNC_MILLIS, TimeUnit.MILLISECONDS) : null;
        if (!recovered.isEmpty()) {
            LOG.warn("recovered hub store {}: {}", file, String.join("; ", recovered));
        }
    }

    private void closeAfterFailedOpen(@Nullable CommitMarker opened, Throwable failure) {
        store.closeImmediately();
        if (opened != null) {
            try {
                opened.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Opens the hub store in {@code dataDirectory}, creating the directory and the file if needed.
     *
     * @throws HubStorageException if the directory cannot be created or written, the file is corrupt, fails its
     *         checks, lost acknowledged commits or was written by a newer storage format, or the directory is
     *         already open in this or another process
     */
    public static MvStoreHubStorage open(Path dataDirectory) {
        return open(dataDirectory, false);
    }

    /**
     * Opens the hub store in {@code dataDirectory}; with {@code recover}, a damaged store is brought back to what is
     * intact instead of refused, and {@link #recovered()} (and the log) says what was lost.
     *
     * @throws HubStorageException as {@link #open(Path)}, except for damage that recovery can mend
     */
    public static MvStoreHubStorage open(Path dataDirectory, boolean recover) {
        return open(dataDirectory, recover, Durability.SYNC);
    }

    /**
     * Opens the hub store in {@code dataDirectory} as {@link #open(Path, boolean)} does, acknowledging commits as
     * {@code durability} says.
     *
     * @throws HubStorageException as {@link #open(Path, boolean)}
     */
    public static MvStoreHubStorage open(Path dataDirectory, boolean recover, Durability durability) {
        return open(dataDirectory, "", recover, durability);
    }

    /** Opens the store through an H2 file system such as {@code "memFS:"}; tests use it to make writes fail. */
    static MvStoreHubStorage open(Path dataDirectory, String fileSystemPrefix) {
        return open(dataDirectory, fileSystemPrefix, false, Durability.SYNC);
    }

    /** Opens the store through an H2 file system, acknowledging commits as {@code durability} says. */
    static MvStoreHubStorage open(Path dataDirectory, String fileSystemPrefix, boolean recover,
                                  Durability durability) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(fileSystemPrefix, "fileSystemPrefix");
        Objects.requireNonNull(durability, "durability");
        Path directory = MvStoreFiles.createDirectory(dataDirectory);
        if (!OPEN_DIRECTORIES.add(directory)) {
            throw new HubStorageException("data directory " + dataDirectory + " is already open in this process;"
                    + " close the hub that uses it first");
        }
        try {
            return new MvStoreHubStorage(directory, fileSystemPrefix, recover, durability);
        } catch (RuntimeException | Error e) {
            OPEN_DIRECTORIES.remove(directory);
            throw e;
        }
    }

    /** Returns what recovery at open dropped, one sentence per loss; empty when nothing was lost or recovered. */
    @Override
    public List<String> recovered() {
        return List.copyOf(recovered);
    }

    /** What the open finds wrong, and what recovery does about it. */
    private final class StartCheck {

        private final boolean recover;
        private final List<String> problems = new ArrayList<>();
        private CommitMarker.@Nullable State last;
        private boolean replaced;

        StartCheck(boolean recover) {
            this.recover = recover;
        }

        /** Opens the store, refusing one that is missing or empty while the directory held a hub. */
        MVStore open() {
            try {
                last = CommitMarker.read(markerFile).orElse(null);
            } catch (HubStorageException e) {
                problems.add(e.getMessage() + ", so whether hub store " + file + " lost acknowledged commits cannot be"
                        + " told");
            }
            MvStoreFiles.FileState state = MvStoreFiles.state(file);
            boolean tls = Files.isDirectory(directory.resolve(MvStoreFiles.TLS_DIRECTORY));
            if (state != MvStoreFiles.FileState.PRESENT && (last != null || tls)) {
                String what = state == MvStoreFiles.FileState.ABSENT ? "missing" : "empty (0 bytes)";
                String held = last != null ? "its commit marker " + markerFile + " records commit " + last.commit()
                        : "it holds the TLS files of a hub in " + directory.resolve(MvStoreFiles.TLS_DIRECTORY);
                String problem = "hub store " + file + " is " + what + ", but data directory " + directory
                        + " held a hub (" + held + "): every identity, key and twin it held was lost";
                if (!recover) {
                    throw new HubStorageException(problem + MvStoreFiles.startOver(directory));
                }
                recovered.add(problem + "; the hub starts empty, with new keys");
                replaced = true;
                problems.clear();
            }
            MvStoreFiles.prepareStoreFile(file);
            try {
                return openMaps(recover);
            } catch (HubStorageException e) {
                if (!recover) {
                    throw e;
                }
                throw failure("hub store " + file + " cannot be recovered: " + e.getMessage() + ". To start over,"
                        + " delete the data directory " + directory, e);
            }
        }

        /** Checks every record and the commit counter against the marker; refuses or recovers. */
        void verify() {
            List<String> failed = new ArrayList<>();
            for (Namespace namespace : Namespace.values()) {
                MVMap<String, String> map = maps.get(namespace);
                try {
                    for (Map.Entry<String, String> entry : map.entrySet()) {
                        if (RecordSeal.open(map.getName(), entry.getKey(), entry.getValue()) == null) {
                            failed.add(namespace + "/" + entry.getKey());
                        }
                    }
                } catch (RuntimeException e) {
                    throw failure("hub store " + file + " is corrupt: reading " + namespace + " failed: " + reason(e)
                            + (recover ? ". It cannot be recovered; to start over, delete the data directory "
                                    + directory : MvStoreFiles.startOver(directory)), e);
                }
            }
            if (!failed.isEmpty()) {
                problems.add(failed.size() + " record(s) in hub store " + file + " fail their integrity check"
                        + " (their bytes changed after they were written): " + named(failed));
            }
            if (last != null && !replaced) {
                if (last.storeId() != storeId) {
                    problems.add("hub store " + file + " is not the store its commit marker " + markerFile
                            + " belongs to (store id " + Long.toHexString(storeId) + ", marker's "
                            + Long.toHexString(last.storeId()) + "): it was replaced by another store or a copy");
                } else if (last.commit() > commits) {
                    problems.add("hub store " + file + " lost acknowledged data: it ends at commit " + commits
                            + ", but its commit marker " + markerFile + " records commit " + last.commit() + ", so the"
                            + " last " + (last.commit() - commits) + " acknowledged commit(s) are gone (a truncated"
                            + " or rolled-back file)");
                }
            }
            if (problems.isEmpty()) {
                return;
            }
            if (!recover) {
                throw new HubStorageException(String.join("; ", problems) + MvStoreFiles.startOver(directory));
            }
            for (String key : failed) {
                int slash = key.indexOf('/');
                maps.get(Namespace.valueOf(key.substring(0, slash))).remove(key.substring(slash + 1));
            }
            commits++;
            storageMap.put(COMMIT_KEY, RecordSeal.seal(STORAGE_MAP, COMMIT_KEY, Long.toString(commits)));
            store.commit();
            store.sync();
            recovered.addAll(problems);
            if (!failed.isEmpty()) {
                recovered.add("dropped the " + failed.size() + " record(s) that failed their check: "
                        + named(failed));
            }
        }
    }

    private static String named(List<String> keys) {
        return String.join(", ", keys.subList(0, Math.min(keys.size(), NAMED)))
                + (keys.size() > NAMED ? " and " + (keys.size() - NAMED) + " more" : "");
    }

    /**
     * Opens the store file and its maps, creating a fresh store or upgrading one of format 1, and reads the store's
     * id and commit counter.
     *
     * @param recover whether to open the file in MVStore's recovery mode
     */
    private MVStore openMaps(boolean recover) {
        MVStore opened = MvStoreFiles.openStore(file, fileSystemPrefix, recover);
        try {
            MVMap<String, String> storage = opened.openMap(STORAGE_MAP, stringMap());
            boolean fresh = opened.getMapNames().equals(Set.of(STORAGE_MAP)) && storage.isEmpty();
            int format = fresh ? FORMAT_VERSION : checkFormat(storage.get(FORMAT_KEY));
            maps.clear();
            for (Namespace namespace : Namespace.values()) {
                maps.put(namespace, opened.openMap(namespace.name().toLowerCase(Locale.ROOT), stringMap()));
            }
            storageMap = storage;
            if (fresh || format < FORMAT_VERSION) {
                for (MVMap<String, String> map : maps.values()) {
                    for (Map.Entry<String, String> entry : map.entrySet()) {
                        map.put(entry.getKey(), RecordSeal.seal(map.getName(), entry.getKey(), entry.getValue()));
                    }
                }
                storeId = new SecureRandom().nextLong();
                commits = 1;
                storage.put(FORMAT_KEY, Integer.toString(FORMAT_VERSION));
                storage.put(ID_KEY, RecordSeal.seal(STORAGE_MAP, ID_KEY, Long.toHexString(storeId)));
                storage.put(COMMIT_KEY, RecordSeal.seal(STORAGE_MAP, COMMIT_KEY, Long.toString(commits)));
                opened.commit();
                opened.sync();
            } else {
                storeId = Long.parseUnsignedLong(storageRecord(storage, ID_KEY), 16);
                commits = Long.parseLong(storageRecord(storage, COMMIT_KEY));
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

    private String storageRecord(MVMap<String, String> storage, String key) {
        String sealed = storage.get(key);
        String text = sealed == null ? null : RecordSeal.open(STORAGE_MAP, key, sealed);
        if (text == null) {
            throw new HubStorageException("hub store " + file + " is corrupt: its " + key + " record is "
                    + (sealed == null ? "missing" : "damaged (it fails its integrity check)") + ". It cannot be"
                    + " recovered; to start over, delete the data directory " + directory);
        }
        return text;
    }

    private int checkFormat(@Nullable String format) {
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
        return version;
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
     * @throws HubStorageException if the store is closed, unusable after an earlier failure, or a record fails its
     *         integrity check or is not JSON; such a record is never returned
     */
    @Override
    public Map<String, JsonObject> load(Namespace namespace) {
        Objects.requireNonNull(namespace, "namespace");
        lock.lock();
        try {
            while (leading) {
                turn.awaitUninterruptibly();
            }
            ensureUsable();
            return read(namespace);
        } finally {
            lock.unlock();
        }
    }

    private Map<String, JsonObject> read(Namespace namespace) {
        Map<String, JsonObject> records = new LinkedHashMap<>();
        MVMap<String, String> map = maps.get(namespace);
        try {
            for (Map.Entry<String, String> entry : map.entrySet()) {
                String text = RecordSeal.open(map.getName(), entry.getKey(), entry.getValue());
                if (text == null) {
                    throw new HubStorageException("record " + namespace + "/" + entry.getKey() + " in hub store "
                            + file + " fails its integrity check (its bytes changed after it was written); it is not"
                            + " served" + MvStoreFiles.startOver(directory));
                }
                records.put(entry.getKey(), parse(namespace, entry.getKey(), text));
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
            return JsonValue.parseObject(json);
        } catch (RuntimeException e) {
            throw failure("record " + namespace + "/" + key + " in hub store " + file + " is not a JSON object: "
                    + reason(e), e);
        }
    }

    /**
     * {@inheritDoc} When this returns, the batch is synced to the disk (with {@link Durability#RELAXED}: written to the
     * file, and synced within {@link Durability#RELAXED_SYNC_MILLIS} ms). Writes that arrive while a batch is being
     * committed are committed together in the next one; each is applied whole, in the order they arrived.
     *
     * @throws HubStorageException if the batch cannot be written or synced; none of it (nor any other write of the
     *         batch it joined) is then visible, in memory or in the file
     */
    @Override
    public void commit(List<Mutation> mutations) {
        Objects.requireNonNull(mutations, "mutations");
        lock.lock();
        try {
            ensureUsable();
        } finally {
            lock.unlock();
        }
        if (mutations.isEmpty()) {
            return;
        }
        // serialize first: a value that cannot be written must fail its write before it joins a batch
        Pending pending = seal(mutations);
        lock.lock();
        try {
            ensureUsable();
            queue.add(pending);
            while (!pending.done) {
                if (leading) {
                    turn.awaitUninterruptibly();
                } else {
                    lead();
                }
            }
        } finally {
            lock.unlock();
        }
        RuntimeException failure = pending.failure;
        if (failure != null) {
            throw failure;
        }
    }

    private Pending seal(List<Mutation> mutations) {
        @Nullable String[] values = new String[mutations.size()];
        long bytes = 0;
        for (int i = 0; i < values.length; i++) {
            Mutation mutation = Objects.requireNonNull(mutations.get(i), "mutation");
            JsonObject value = mutation.value();
            values[i] = value == null ? null : RecordSeal.seal(maps.get(mutation.namespace()).getName(),
                    mutation.key(), value.toString());
            bytes += mutation.key().length() + (values[i] == null ? 0 : values[i].length());
        }
        return new Pending(List.copyOf(mutations), values, bytes);
    }

    /**
     * Takes the queued writes up to the bounds and commits them as one batch, releasing the lock while the store works;
     * called with the lock held and no leader at work, returns with the lock held and the batch's writes done.
     */
    private void lead() {
        List<Pending> batch = new ArrayList<>();
        long bytes = 0;
        while (!queue.isEmpty() && batch.size() < maxBatchWrites
                && (batch.isEmpty() || bytes + queue.peek().bytes <= maxBatchBytes)) {
            Pending next = queue.poll();
            batch.add(next);
            bytes += next.bytes;
        }
        HubStorageException unusable = usability();
        if (unusable != null) {
            for (Pending refused : batch) {
                refused.fail(unusable);
            }
            turn.signalAll();
            return;
        }
        leading = true;
        lock.unlock();
        try {
            write(batch, bytes);
        } catch (RuntimeException | Error e) {
            // write() settles every write itself; this only keeps a waiter from hanging on a failure it did not settle
            for (Pending unsettled : batch) {
                if (unsettled.failure == null && !unsettled.written) {
                    unsettled.failure = failure("committing to hub store " + file + " failed: " + reason(e), e);
                }
            }
            throw e;
        } finally {
            lock.lock();
            leading = false;
            for (Pending settled : batch) {
                settled.done = true;
            }
            turn.signalAll();
        }
    }

    /** Applies, commits and (in sync mode) syncs {@code batch}, or rolls it back and fails each of its writes. */
    private void write(List<Pending> batch, long bytes) {
        long before = store.getCurrentVersion();
        long next = commits + 1;
        boolean stored = false;
        try {
            probe.batch(batch.size(), bytes);
            int index = 0;
            for (Pending pending : batch) {
                for (int i = 0; i < pending.values.length; i++) {
                    Mutation mutation = pending.mutations.get(i);
                    MVMap<String, String> map = maps.get(mutation.namespace());
                    String value = pending.values[i];
                    if (value == null) {
                        map.remove(mutation.key());
                    } else {
                        map.put(mutation.key(), value);
                    }
                    probe.afterWrite(index++);
                }
            }
            storageMap.put(COMMIT_KEY, RecordSeal.seal(STORAGE_MAP, COMMIT_KEY, Long.toString(next)));
            store.commit();
            stored = true;
            probe.afterStore();
            if (durability == Durability.SYNC) {
                store.sync();
                probe.afterSync();
            }
        } catch (RuntimeException | Error e) {
            Throwable undoFailure = undo(before, stored);
            String outcome = undoFailure == null ? "none was applied"
                    : "undoing it failed as well (" + reason(undoFailure) + "), so the store refuses all work until"
                            + " the data directory is reopened";
            for (Pending pending : batch) {
                String others = batch.size() == 1 ? "" : " (in a batch with " + (batch.size() - 1) + " other"
                        + " write(s), refused as well)";
                HubStorageException failure = failure("committing " + pending.mutations.size() + " mutation(s) to"
                        + " hub store " + file + " in data directory " + directory + others + " failed, " + outcome
                        + ": " + reason(e), e);
                if (undoFailure != null) {
                    failure.addSuppressed(undoFailure);
                    broken = failure;
                }
                pending.failure = failure;
            }
            return;
        }
        commits = next;
        for (Pending pending : batch) {
            pending.written = true;
        }
        if (durability == Durability.SYNC) {
            synced = next;
            writeMarker(next);
        }
    }

    /**
     * Syncs what relaxed mode wrote since the last sync, then records it in the marker; runs on the shared timer, and
     * takes the leader's role for it, so no batch changes the store meanwhile.
     */
    private void syncRelaxed() {
        lock.lock();
        try {
            if (leading || closed || broken != null || synced == commits) {
                // a batch at work is synced on the next tick
                return;
            }
            leading = true;
        } finally {
            lock.unlock();
        }
        try {
            syncWritten();
        } finally {
            lock.lock();
            try {
                leading = false;
                turn.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Syncs the store and moves the marker to the commits the sync covers; called by whoever holds the role. */
    private void syncWritten() {
        long covered = commits;
        try {
            store.sync();
            probe.afterSync();
            syncFailed = false;
        } catch (RuntimeException e) {
            if (!syncFailed) {
                syncFailed = true;
                LOG.warn("syncing hub store {} failed ({}); it is tried again, and the commits since commit {} are"
                        + " not yet safe from a power loss", file, reason(e), synced);
            }
            return;
        }
        synced = covered;
        writeMarker(covered);
    }

    /**
     * Records {@code commit} in the marker, after the store's sync covered it (in relaxed mode the marker thus trails
     * the unsynced commits: a power loss can take only commits the marker does not claim); a marker that cannot be written only weakens the
     * check at the next open (it stays behind the store), so the commit stands and the failure is logged once.
     */
    private void writeMarker(long commit) {
        try {
            marker.write(storeId, commit);
            markerFailed = false;
        } catch (IOException | RuntimeException e) {
            if (!markerFailed) {
                markerFailed = true;
                LOG.warn("commit marker {} cannot be written ({}); the commits are stored, but a later loss of them"
                        + " may go unnoticed at the next start", markerFile, reason(e));
            }
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
                store = openMaps(false);
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
        HubStorageException unusable = usability();
        if (unusable != null) {
            throw unusable;
        }
    }

    /** Returns why the store takes no work, or {@code null}; called with the lock held. */
    private @Nullable HubStorageException usability() {
        if (closed) {
            return new HubStorageException("hub store " + file + " is closed");
        }
        HubStorageException failure = broken;
        if (failure != null) {
            return failure("hub store " + file + " is unusable since a commit failed and could not be undone; reopen"
                    + " the data directory " + directory, failure);
        }
        return null;
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
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // writes still queued are refused by whoever leads next; the batch at work finishes first
            while (leading) {
                turn.awaitUninterruptibly();
            }
            turn.signalAll();
        } finally {
            lock.unlock();
        }
        if (syncs != null) {
            syncs.cancel(false);
        }
        try {
            if (!store.isClosed()) {
                if (synced != commits) {
                    store.sync();
                    synced = commits;
                    marker.write(storeId, commits);
                }
                store.close();
            }
            marker.force();
        } catch (IOException e) {
            throw failure("closing commit marker " + markerFile + " failed: " + reason(e), e);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw failure("closing hub store " + file + " failed: " + reason(e), e);
        } finally {
            try {
                marker.close();
            } catch (IOException e) {
                LOG.warn("closing commit marker {} failed: {}", markerFile, reason(e));
            }
            OPEN_DIRECTORIES.remove(directory);
        }
    }

    /** Installs {@code probe} to inject failures into later commits. */
    void probe(CommitProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Bounds later batches to {@code writes} writes and {@code bytes} characters; tests use small bounds. */
    void bounds(int writes, long bytes) {
        lock.lock();
        try {
            maxBatchWrites = writes;
            maxBatchBytes = bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Returns how many writes wait for a leader to take them into a batch. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the durability this store acknowledges with. */
    Durability durability() {
        return durability;
    }

    /** One {@link #commit} call in the queue: its mutations, sealed, and how its batch ended. */
    private static final class Pending {
        final List<Mutation> mutations;
        final @Nullable String[] values;
        final long bytes;
        /** Whether its batch ended (set by the leader, under the lock). */
        boolean done;
        /** Whether its batch was committed. */
        boolean written;
        @Nullable RuntimeException failure;

        Pending(List<Mutation> mutations, @Nullable String[] values, long bytes) {
            this.mutations = mutations;
            this.values = values;
            this.bytes = bytes;
        }

        void fail(RuntimeException refusal) {
            failure = refusal;
            done = true;
        }
    }

    /** The one daemon thread that syncs every relaxed store on its timer. */
    private static final class Syncs {
        static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "twinkit-store-sync");
            thread.setDaemon(true);
            return thread;
        });

        private Syncs() {
        }
    }

    /** Returns a text naming the store file. */
    @Override
    public String toString() {
        return "MvStoreHubStorage[" + file + "]";
    }
}
