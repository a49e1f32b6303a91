package io.twinkit.emulator.internal.hub;

import io.twinkit.core.ConnectionState;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.DeviceAlreadyExistsException;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ModuleAlreadyExistsException;
import io.twinkit.emulator.ModuleNotFoundException;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.emulator.internal.store.HubStorage;
import io.twinkit.emulator.internal.TwinChangeListener;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The state of a hub: one {@link HubEntry} per identity, each with its twin, in a concurrent map.
 *
 * <p>Every write runs under the lock of the entry it changes: compute the new immutable state (validation and
 * preconditions included), commit it to storage, then publish it to readers and notify. A write that fails at any
 * point before the publish changes nothing. Locks are taken device before module, never the other way, so device
 * operations that touch modules (create a module, delete a device) cannot deadlock with module writes. Reads take no
 * lock.
 *
 * <p>A bulk registry request ({@link #exclusive}) runs alone: single writes hold the shared side of a hub-wide gate
 * while they hold entry locks, the bulk holds its exclusive side, so it sees no write in progress, stages all its
 * items and commits them to storage in one batch ({@link #publishBulk}).
 */
final class HubCore {

    private static final SecureRandom RANDOM = new SecureRandom();

    final HubOptions options;
    final TwinValidator validator;
    final Notifier notifier = new Notifier();
    private final HubStorage storage;
    private final ConcurrentHashMap<TwinKey, HubEntry> entries = new ConcurrentHashMap<>();
    private final AtomicLong identityEtagCounter = new AtomicLong();
    private final List<SharedAccessPolicy> policies;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    HubCore(HubOptions options, HubStorage storage) {
        this.options = Objects.requireNonNull(options, "options");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.validator = TwinValidator.of(options.limits());
        HubRecords.Loaded loaded = HubRecords.load(storage);
        this.policies = loaded.policies();
        Instant opened = now();
        loaded.slots().forEach((key, slot) -> {
            HubEntry entry = new HubEntry();
            entry.slot = disconnected(slot, opened);
            entries.put(key, entry);
            if (key.moduleId() != null) {
                entries.get(key.deviceKey()).modules.add(key.moduleId());
            }
        });
        identityEtagCounter.set(loaded.identityEtagCounter());
    }

    /**
     * Returns {@code slot} as a hub that just opened sees it: no device is connected to a hub that has just started,
     * so an identity stored as connected (the emulator stopped while it was) is disconnected from {@code now} on. The
     * store keeps the old value until the identity's next write.
     */
    private static HubEntry.Slot disconnected(HubEntry.Slot slot, Instant now) {
        if (slot.identity().connectionState() != ConnectionState.CONNECTED) {
            return slot;
        }
        return HubEntry.Slot.of(slot.identity().toBuilder().connectionState(ConnectionState.DISCONNECTED)
                .connectionStateUpdatedTime(now).build(), slot.twin());
    }

    /** Returns what recovering the store at start gave up (see {@link HubStorage#recovered()}). */
    List<String> storeRecovery() {
        return storage.recovered();
    }

    /** What a write computed under the lock: the new identity and twin, and the notification to send, if any. */
    record Outcome(DeviceIdentity identity, TwinState twin, @Nullable JsonObject notification) {
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the hub is closed");
        }
    }

    /** Returns now, from the hub's clock, at the service's 100 ns precision. */
    Instant now() {
        return TwinTime.toTicks(options.clock().instant());
    }

    List<SharedAccessPolicy> policies() {
        return policies;
    }

    /** Returns the current state of {@code key}, without locking. */
    Optional<HubEntry.Slot> find(TwinKey key) {
        checkOpen();
        HubEntry entry = entries.get(key);
        return Optional.ofNullable(entry == null ? null : entry.slot);
    }

    /**
     * Returns the current state of {@code key}, without locking.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     */
    HubEntry.Slot read(TwinKey key) {
        return find(key).orElseThrow(() -> notFound(key));
    }

    /** Returns every live slot whose key satisfies {@code filter}, sorted by key. */
    List<HubEntry.Slot> readAll(Predicate<TwinKey> filter) {
        checkOpen();
        List<HubEntry.Slot> result = new ArrayList<>();
        entries.forEach((key, entry) -> {
            HubEntry.Slot slot = entry.slot;
            if (slot != null && filter.test(key)) {
                result.add(slot);
            }
        });
        result.sort((a, b) -> a.identity().key().compareTo(b.identity().key()));
        return result;
    }

    /** Returns the module ids of a live device, without locking. */
    List<ModuleId> modulesOf(TwinKey deviceKey) {
        checkOpen();
        HubEntry entry = entries.get(deviceKey);
        if (entry == null || entry.slot == null) {
            throw notFound(deviceKey);
        }
        return List.copyOf(entry.modules);
    }

    /**
     * Changes the identity and/or twin of {@code key}: {@code change} runs under the entry's lock on the current
     * state and may throw to refuse the write; what it returns is committed, published and notified.
     */
    HubEntry.Slot write(TwinKey key, Function<HubEntry.Slot, Outcome> change) {
        checkOpen();
        Lock shared = gate.readLock();
        shared.lock();
        try {
            return writeShared(key, change);
        } finally {
            shared.unlock();
        }
    }

    private HubEntry.Slot writeShared(TwinKey key, Function<HubEntry.Slot, Outcome> change) {
        HubEntry entry = lockLive(key);
        try {
            HubEntry.Slot current = Objects.requireNonNull(entry.slot);
            Outcome outcome = change.apply(current);
            List<Mutation> batch = new ArrayList<>(3);
            if (outcome.twin() != current.twin()) {
                batch.add(Mutation.put(Namespace.TWINS, key.toString(), outcome.twin().toRecord(key)));
            }
            if (outcome.identity() != current.identity()) {
                batch.add(Mutation.put(Namespace.IDENTITIES, key.toString(), outcome.identity().toJson()));
                batch.add(identityEtagRecord());
            }
            if (batch.isEmpty()) {
                return current;
            }
            HubEntry.Slot next = HubEntry.Slot.of(outcome.identity(), outcome.twin());
            storage.commit(batch);
            entry.slot = next;
            notifier.twinChanged(key, next.document());
            if (outcome.notification() != null) {
                notifier.desiredChanged(key, outcome.notification());
            }
            return next;
        } finally {
            entry.lock.unlock();
        }
    }

    /**
     * Creates an identity with its twin.
     *
     * @throws DeviceNotFoundException if a module's device does not exist
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws ModuleAlreadyExistsException if the module exists
     */
    HubEntry.Slot create(DeviceIdentity identity, TwinState twin) {
        checkOpen();
        Lock shared = gate.readLock();
        shared.lock();
        try {
            return createShared(identity, twin);
        } finally {
            shared.unlock();
        }
    }

    private HubEntry.Slot createShared(DeviceIdentity identity, TwinState twin) {
        TwinKey key = identity.key();
        HubEntry parent = key.moduleId() == null ? null : lockLive(key.deviceKey());
        try {
            HubEntry.Slot next = HubEntry.Slot.of(identity, twin);
            HubEntry entry = new HubEntry();
            entry.lock.lock();
            try {
                claim(key, entry);
                try {
                    storage.commit(List.of(
                            Mutation.put(Namespace.IDENTITIES, key.toString(), identity.toJson()),
                            Mutation.put(Namespace.TWINS, key.toString(), twin.toRecord(key)),
                            identityEtagRecord()));
                } catch (RuntimeException | Error e) {
                    entries.remove(key, entry);
                    throw e;
                }
                entry.slot = next;
                if (parent != null) {
                    parent.modules.add(Objects.requireNonNull(key.moduleId()));
                }
                notifier.twinChanged(key, next.document());
                return next;
            } finally {
                entry.lock.unlock();
            }
        } finally {
            if (parent != null) {
                parent.lock.unlock();
            }
        }
    }

    /**
     * Deletes an identity and its twin; a device takes its modules with it.
     *
     * @throws PreconditionFailedException if {@code ifMatch} does not match the identity etag
     */
    void delete(TwinKey key, @Nullable String ifMatch) {
        checkOpen();
        Lock shared = gate.readLock();
        shared.lock();
        try {
            deleteShared(key, ifMatch);
        } finally {
            shared.unlock();
        }
    }

    private void deleteShared(TwinKey key, @Nullable String ifMatch) {
        if (key.moduleId() != null) {
            HubEntry parent = lockLive(key.deviceKey());
            try {
                HubEntry module = lockLive(key);
                try {
                    requireIdentityMatch(Objects.requireNonNull(module.slot).identity(), ifMatch);
                    storage.commit(List.of(Mutation.delete(Namespace.IDENTITIES, key.toString()),
                            Mutation.delete(Namespace.TWINS, key.toString())));
                    kill(key, module);
                    parent.modules.remove(key.moduleId());
                } finally {
                    module.lock.unlock();
                }
            } finally {
                parent.lock.unlock();
            }
            return;
        }
        HubEntry device = lockLive(key);
        List<HubEntry> modules = new ArrayList<>();
        try {
            requireIdentityMatch(Objects.requireNonNull(device.slot).identity(), ifMatch);
            List<Mutation> batch = new ArrayList<>();
            List<TwinKey> moduleKeys = new ArrayList<>();
            for (ModuleId moduleId : device.modules) {
                TwinKey moduleKey = TwinKey.module(key.deviceId(), moduleId);
                HubEntry module = entries.get(moduleKey);
                if (module != null) {
                    module.lock.lock();
                    modules.add(module);
                    moduleKeys.add(moduleKey);
                    batch.add(Mutation.delete(Namespace.IDENTITIES, moduleKey.toString()));
                    batch.add(Mutation.delete(Namespace.TWINS, moduleKey.toString()));
                }
            }
            batch.add(Mutation.delete(Namespace.IDENTITIES, key.toString()));
            batch.add(Mutation.delete(Namespace.TWINS, key.toString()));
            storage.commit(batch);
            for (int i = 0; i < modules.size(); i++) {
                kill(moduleKeys.get(i), modules.get(i));
            }
            device.modules.clear();
            kill(key, device);
        } finally {
            for (HubEntry module : modules) {
                module.lock.unlock();
            }
            device.lock.unlock();
        }
    }

    /**
     * Runs {@code work} with no single write in progress and none starting until it returns: the stage of a bulk
     * registry request, which reads entries with {@link #slotOf} and {@link #liveModules}, then calls
     * {@link #publishBulk}.
     */
    <T> T exclusive(Supplier<T> work) {
        checkOpen();
        Lock exclusive = gate.writeLock();
        exclusive.lock();
        try {
            return work.get();
        } finally {
            exclusive.unlock();
        }
    }

    /** Returns the live state of {@code key} or {@code null}; for {@link #exclusive} work. */
    HubEntry.@Nullable Slot slotOf(TwinKey key) {
        HubEntry entry = entries.get(key);
        return entry == null ? null : entry.slot;
    }

    /** Returns the module ids of a device as stored (empty if it has none or does not exist); for exclusive work. */
    List<ModuleId> liveModules(TwinKey deviceKey) {
        HubEntry entry = entries.get(deviceKey);
        return entry == null || entry.slot == null ? List.of() : List.copyOf(entry.modules);
    }

    /**
     * Commits the staged changes of a bulk request in one storage batch, then publishes and notifies them in order;
     * for {@link #exclusive} work. A {@code null} slot deletes; a device's modules must be deleted by their own
     * changes. If the commit fails nothing is published.
     *
     * @param changes the new state of each changed key, in the order the items were applied
     * @param notifications the desired-property notifications to send once published, by key
     */
    void publishBulk(Map<TwinKey, HubEntry.@Nullable Slot> changes, Map<TwinKey, JsonObject> notifications) {
        if (changes.isEmpty()) {
            return;
        }
        List<Mutation> batch = new ArrayList<>(changes.size() * 2 + 1);
        changes.forEach((key, slot) -> {
            if (slot == null) {
                batch.add(Mutation.delete(Namespace.IDENTITIES, key.toString()));
                batch.add(Mutation.delete(Namespace.TWINS, key.toString()));
            } else {
                HubEntry.Slot current = slotOf(key);
                if (current == null || current.identity() != slot.identity()) {
                    batch.add(Mutation.put(Namespace.IDENTITIES, key.toString(), slot.identity().toJson()));
                }
                if (current == null || current.twin() != slot.twin()) {
                    batch.add(Mutation.put(Namespace.TWINS, key.toString(), slot.twin().toRecord(key)));
                }
            }
        });
        batch.add(identityEtagRecord());
        storage.commit(batch);
        changes.forEach((key, slot) -> {
            HubEntry entry = entries.get(key);
            if (slot == null) {
                if (entry != null) {
                    kill(key, entry);
                }
                if (key.moduleId() != null) {
                    HubEntry parent = entries.get(key.deviceKey());
                    if (parent != null) {
                        parent.modules.remove(key.moduleId());
                    }
                } else if (entry != null) {
                    entry.modules.clear();
                }
                return;
            }
            if (entry == null) {
                entry = new HubEntry();
                entry.slot = slot;
                entries.put(key, entry);
                if (key.moduleId() != null) {
                    Objects.requireNonNull(entries.get(key.deviceKey())).modules.add(key.moduleId());
                }
            } else {
                entry.slot = slot;
            }
            notifier.twinChanged(key, slot.document());
            JsonObject notification = notifications.get(key);
            if (notification != null) {
                notifier.desiredChanged(key, notification);
            }
        });
    }

    /**
     * Commits the staged twin updates of one group of a job's devices together with {@code records} (the job's
     * progress) in one storage batch, then publishes and notifies the updates in order; for {@link #exclusive} work.
     * Unlike {@link #publishBulk} it changes only twins of live entries, and commits even when no twin changed. If the
     * commit fails nothing is published.
     *
     * @param changes the new state of each updated key (whose identity is unchanged), in the order applied
     * @param notifications the desired-property notifications to send once published, by key
     * @param records further records to commit in the same batch
     */
    void publishTwinBatch(Map<TwinKey, HubEntry.Slot> changes, Map<TwinKey, JsonObject> notifications,
                          List<Mutation> records) {
        if (storage.isPersistent()) {
            List<Mutation> batch = new ArrayList<>(changes.size() + records.size());
            changes.forEach((key, slot) -> batch.add(Mutation.put(Namespace.TWINS, key.toString(),
                    slot.twin().toRecord(key))));
            batch.addAll(records);
            storage.commit(batch);
        }
        changes.forEach((key, slot) -> {
            HubEntry entry = Objects.requireNonNull(entries.get(key), "a job updates only live twins");
            entry.slot = slot;
            notifier.twinChanged(key, slot.document());
            JsonObject notification = notifications.get(key);
            if (notification != null) {
                notifier.desiredChanged(key, notification);
            }
        });
    }

    /** Returns whether the storage outlives the process, so that records are worth building. */
    boolean persistent() {
        return storage.isPersistent();
    }

    /** Returns a fresh identity etag: base64 of the next value of the hub's ASCII decimal counter. */
    ETag nextIdentityEtag() {
        long next = identityEtagCounter.incrementAndGet();
        return ETag.of(Base64.getEncoder().encodeToString(Long.toString(next).getBytes(StandardCharsets.US_ASCII)));
    }

    /** Makes sure later identity etags are above the counter {@code etag} encodes, if it encodes one. */
    ETag observeIdentityEtag(ETag etag) {
        long counter = HubRecords.identityEtagCounter(etag);
        identityEtagCounter.accumulateAndGet(counter, Math::max);
        return etag;
    }

    /** Returns a random generation id in the service's format, an 18-digit decimal number. */
    static String newGenerationId() {
        return Long.toString(630_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 100_000_000_000_000_000L));
    }

    static void requireIdentityMatch(DeviceIdentity identity, @Nullable String ifMatch) {
        ETag etag = identity.etag().orElseThrow();
        if (!etag.matchesIfMatch(ifMatch)) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " does not match the etag " + etag
                    + " of identity '" + identity.key() + "' [412001 PreconditionFailed]; read it again and retry");
        }
    }

    /** Returns every stored record of {@code namespace}: for the hub's parts that keep records of their own. */
    Map<String, JsonObject> loadRecords(Namespace namespace) {
        checkOpen();
        return storage.load(namespace);
    }

    /** Commits records of the hub's own parts (not identities or twins, which only {@link #write} and co. commit). */
    void commitRecords(List<Mutation> mutations) {
        checkOpen();
        storage.commit(mutations);
    }

    void addChangeListener(TwinChangeListener listener) {
        notifier.addChangeListener(listener);
    }

    List<TwinDocument> snapshot() {
        return readAll(key -> true).stream().map(HubEntry.Slot::document).toList();
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            storage.close();
        }
    }

    TwinException notFound(TwinKey key) {
        ModuleId moduleId = key.moduleId();
        if (moduleId != null) {
            HubEntry device = entries.get(key.deviceKey());
            if (device != null && device.slot != null) {
                return new ModuleNotFoundException("module '" + moduleId + "' does not exist on device '"
                        + key.deviceId() + "' [404010 ModuleNotFound]");
            }
        }
        return new DeviceNotFoundException("device '" + key.deviceId() + "' does not exist [404001 DeviceNotFound]");
    }

    static TwinException alreadyExists(TwinKey key) {
        ModuleId moduleId = key.moduleId();
        return moduleId == null
                ? new DeviceAlreadyExistsException("device '" + key.deviceId() + "' already exists [409001"
                + " DeviceAlreadyExists]")
                : new ModuleAlreadyExistsException("module '" + moduleId + "' already exists on device '"
                + key.deviceId() + "' [409301 ModuleAlreadyExistsOnDevice]");
    }

    static TwinException argumentInvalid(String message) {
        return new TwinException(IotHubErrorCode.ARGUMENT_INVALID, message + " [400004 ArgumentInvalid]");
    }

    /** Locks the live entry of {@code key}, looking again when the entry found died meanwhile. */
    private HubEntry lockLive(TwinKey key) {
        while (true) {
            HubEntry entry = entries.get(key);
            if (entry == null) {
                throw notFound(key);
            }
            entry.lock.lock();
            if (entry.slot != null) {
                return entry;
            }
            // dead entries leave the map before their lock is released, so the next look finds another or none
            entry.lock.unlock();
        }
    }

    /** Puts {@code entry} (locked, not yet live) into the map unless a live entry holds the key. */
    private void claim(TwinKey key, HubEntry entry) {
        while (true) {
            HubEntry existing = entries.putIfAbsent(key, entry);
            if (existing == null) {
                return;
            }
            existing.lock.lock();
            try {
                if (existing.slot != null) {
                    throw alreadyExists(key);
                }
            } finally {
                existing.lock.unlock();
            }
        }
    }

    private void kill(TwinKey key, HubEntry entry) {
        entry.slot = null;
        entries.remove(key, entry);
        notifier.twinChanged(key, null);
    }

    private Mutation identityEtagRecord() {
        return Mutation.put(Namespace.META, HubRecords.META_IDENTITY_ETAG,
                JsonObject.of("counter", JsonNumber.of(identityEtagCounter.get())));
    }
}
