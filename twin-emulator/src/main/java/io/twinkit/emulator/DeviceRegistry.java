package io.twinkit.emulator;

import io.twinkit.core.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The identity registry of a hub: devices and their modules, and the hub's shared access policies.
 *
 * <pre>{@code
 * DeviceRegistry registry = hub.registry();
 * DeviceIdentity device = registry.createDevice(DeviceId.of("dev1"));        // SAS, keys generated
 * registry.createModule(DeviceId.of("dev1"), ModuleId.of("filter"));
 * registry.update(device.toBuilder().status(DeviceStatus.DISABLED).build(), device.etag().orElseThrow().value());
 * registry.delete(device.key(), null);                                        // the module and both twins go too
 * }</pre>
 *
 * <p>Creating an identity creates its twin (etag counter 1, both {@code $version}s 1). Every identity write assigns
 * a new identity etag (the twin's {@code deviceEtag}), and leaves the twin's etag and version alone. The registry
 * assigns generation ids, etags and, for a SAS identity without keys, two fresh 256-bit keys; keys a client supplies
 * are kept. Read-only fields of a request (connection state, activity time, message count, generation id, etag) are
 * ignored, as the service ignores them.
 *
 * <p>Thread-safe.
 */
public final class DeviceRegistry {

    private final HubCore core;
    private final BulkRegistry bulk;

    DeviceRegistry(HubCore core, TwinService twins) {
        this.core = core;
        this.bulk = new BulkRegistry(core, twins);
    }

    /**
     * Creates an enabled SAS device with generated keys.
     *
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public DeviceIdentity createDevice(DeviceId deviceId) {
        return createDevice(DeviceIdentity.builder(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")))
                .build());
    }

    /**
     * Creates a device as {@code request} describes it: status, status reason, authentication, capabilities and
     * IoT Edge scopes.
     *
     * @throws IllegalArgumentException if {@code request} is a module identity
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public DeviceIdentity createDevice(DeviceIdentity request) {
        Objects.requireNonNull(request, "request");
        if (request.key().isModule()) {
            throw new IllegalArgumentException("createDevice needs a device identity, not module " + request.key()
                    + "; use createModule");
        }
        return create(request);
    }

    /**
     * Creates a SAS module with generated keys on an existing device.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleAlreadyExistsException if the module exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public DeviceIdentity createModule(DeviceId deviceId, ModuleId moduleId) {
        return createModule(DeviceIdentity.builder(TwinKey.module(deviceId, moduleId)).build());
    }

    /**
     * Creates a module as {@code request} describes it: status, status reason, authentication and
     * {@code managedBy}.
     *
     * @throws IllegalArgumentException if {@code request} is a device identity
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleAlreadyExistsException if the module exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public DeviceIdentity createModule(DeviceIdentity request) {
        Objects.requireNonNull(request, "request");
        if (!request.key().isModule()) {
            throw new IllegalArgumentException("createModule needs a module identity, not device " + request.key()
                    + "; use createDevice");
        }
        return create(request);
    }

    /**
     * Returns a device.
     *
     * @throws DeviceNotFoundException if it does not exist
     */
    public DeviceIdentity getDevice(DeviceId deviceId) {
        return get(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")));
    }

    /**
     * Returns a module.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     */
    public DeviceIdentity getModule(DeviceId deviceId, ModuleId moduleId) {
        return get(TwinKey.module(deviceId, moduleId));
    }

    /**
     * Returns the device or module named by {@code key}.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     */
    public DeviceIdentity get(TwinKey key) {
        return core.read(Objects.requireNonNull(key, "key")).identity();
    }

    /** Returns the device or module named by {@code key}, if it exists. */
    public Optional<DeviceIdentity> find(TwinKey key) {
        return core.find(Objects.requireNonNull(key, "key")).map(HubEntry.Slot::identity);
    }

    /**
     * Updates an identity as the service's {@code PUT /devices/{id}} with {@code If-Match} does: status (a change
     * stamps {@code statusUpdatedTime}), status reason, authentication, capabilities, {@code managedBy} and IoT Edge
     * scopes are taken from {@code identity}. A SAS authentication without keys keeps the current keys (or gets
     * fresh ones if there are none). The identity gets a new etag.
     *
     * @param identity the identity as it should be; {@link DeviceIdentity#key()} names it
     * @param ifMatch the identity etag the change is based on (raw, quoted, weak or {@code *}), or {@code null} for
     *     an unconditional update
     * @return the updated identity
     * @throws PreconditionFailedException if {@code ifMatch} does not match the identity etag
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public DeviceIdentity update(DeviceIdentity identity, @Nullable String ifMatch) {
        Objects.requireNonNull(identity, "identity");
        return core.write(identity.key(), current -> {
            DeviceIdentity old = current.identity();
            HubCore.requireIdentityMatch(old, ifMatch);
            return new HubCore.Outcome(updated(core, old, identity, this::findDevice), current.twin(), null);
        }).identity();
    }

    /**
     * Records that a device or module connected or disconnected, as the device endpoints do: sets
     * {@code connectionState} and {@code connectionStateUpdatedTime}, and on connect {@code lastActivityTime}; a
     * non-null {@code modelId} (the {@code model-id} a Plug and Play device announces when it connects) becomes the
     * twin's {@code modelId}. Connection state is not a registry write, so the identity etag stays as it is.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the change cannot be made durable; nothing changed
     */
    public DeviceIdentity recordConnection(TwinKey key, ConnectionState state, @Nullable String modelId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        return core.write(key, current -> {
            Instant now = core.now();
            DeviceIdentity.Builder next = current.identity().toBuilder()
                    .connectionState(state)
                    .connectionStateUpdatedTime(now);
            if (state == ConnectionState.CONNECTED) {
                next.lastActivityTime(now);
            }
            if (modelId != null) {
                next.modelId(modelId);
            }
            return new HubCore.Outcome(next.build(), current.twin(), null);
        }).identity();
    }

    /**
     * Deletes a device with its modules and all their twins, or one module with its twin.
     *
     * @param key the device or module
     * @param ifMatch the identity etag the deletion is based on, or {@code null} for an unconditional delete
     * @throws PreconditionFailedException if {@code ifMatch} does not match the identity etag
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the module does not exist
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    public void delete(TwinKey key, @Nullable String ifMatch) {
        core.delete(Objects.requireNonNull(key, "key"), ifMatch);
    }

    /** Returns every device, by device id. */
    public List<DeviceIdentity> list() {
        return core.readAll(key -> !key.isModule()).stream().map(HubEntry.Slot::identity).toList();
    }

    /**
     * Returns the modules of a device, by module id.
     *
     * @throws DeviceNotFoundException if the device does not exist
     */
    public List<DeviceIdentity> modules(DeviceId deviceId) {
        List<DeviceIdentity> modules = new ArrayList<>();
        for (ModuleId moduleId : core.modulesOf(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")))) {
            core.find(TwinKey.module(deviceId, moduleId)).ifPresent(slot -> modules.add(slot.identity()));
        }
        return List.copyOf(modules);
    }

    /** Returns the hub's shared access policies; a new hub has {@link SharedAccessPolicy#defaults()}. */
    public List<SharedAccessPolicy> policies() {
        core.checkOpen();
        return core.policies();
    }

    /** Returns the shared access policy named {@code name} (case-sensitive), if there is one. */
    public Optional<SharedAccessPolicy> policy(String name) {
        Objects.requireNonNull(name, "name");
        return policies().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Applies a bulk registry request: up to 100 items, each a create, update, delete or twin update of a device or
     * module, as the service's {@code POST /devices} does. Items are applied in order, each one fully or not at all;
     * an item that fails is reported in the result and the others still apply. All the changes are committed to
     * storage together.
     *
     * @param operations the items; each key at most once
     * @return the errors of the items that failed, empty when all applied
     * @throws IllegalArgumentException if there are no items, more than {@link BulkOperation#MAX_ITEMS}, or a key
     *     appears twice; nothing changed
     * @throws HubStorageException if the changes cannot be made durable; nothing changed
     */
    public BulkResult bulk(List<BulkOperation> operations) {
        return bulk.apply(operations);
    }

    /** Returns the number of devices (modules not counted), and how many are enabled. */
    public DeviceCounts deviceCounts() {
        long total = 0;
        long enabled = 0;
        long connected = 0;
        for (HubEntry.Slot slot : core.readAll(key -> !key.isModule())) {
            total++;
            if (slot.identity().status() == io.twinkit.core.DeviceStatus.ENABLED) {
                enabled++;
            }
            if (slot.identity().connectionState() == ConnectionState.CONNECTED) {
                connected++;
            }
        }
        return new DeviceCounts(total, enabled, connected);
    }

    /**
     * Counts of the registry's devices, as the service's statistics report them.
     *
     * @param total the number of devices
     * @param enabled the number of enabled devices; the others are disabled
     * @param connected the number of devices connected now
     */
    public record DeviceCounts(long total, long enabled, long connected) {

        /** Returns the number of disabled devices. */
        public long disabled() {
            return total - enabled;
        }
    }

    private Optional<DeviceIdentity> findDevice(DeviceId deviceId) {
        return core.find(TwinKey.device(deviceId)).map(HubEntry.Slot::identity);
    }

    /** Returns {@code old} updated as {@code identity} asks, with a new etag; see {@link #update}. */
    static DeviceIdentity updated(HubCore core, DeviceIdentity old, DeviceIdentity identity,
                                  Function<DeviceId, Optional<DeviceIdentity>> devices) {
        DeviceIdentity.Builder next = old.toBuilder()
                .status(identity.status())
                .statusReason(identity.statusReason().orElse(null))
                .authentication(keysFor(identity.authentication(), old.authentication()))
                .capabilities(identity.capabilities().orElse(null))
                .managedBy(identity.managedBy().orElse(null))
                .deviceScope(identity.deviceScope().orElse(null))
                .parentScopes(identity.parentScopes());
        if (identity.status() != old.status()) {
            next.statusUpdatedTime(core.now());
        }
        DeviceIdentity scoped = EdgeScopes.apply(next.build(), old, devices);
        return scoped.toBuilder().etag(core.nextIdentityEtag()).build();
    }

    /** Returns the identity a create of {@code request} stores: ids, etag, times and keys assigned. */
    static DeviceIdentity created(HubCore core, DeviceIdentity request,
                                  Function<DeviceId, Optional<DeviceIdentity>> devices) {
        DeviceIdentity identity = request.toBuilder()
                .generationId(HubCore.newGenerationId())
                .etag(core.nextIdentityEtag())
                .statusUpdatedTime(TwinTime.NEVER)
                .connectionState(ConnectionState.DISCONNECTED)
                .connectionStateUpdatedTime(TwinTime.NEVER)
                .lastActivityTime(TwinTime.NEVER)
                .cloudToDeviceMessageCount(0)
                .modelId("")
                .authentication(keysFor(request.authentication(), null))
                .build();
        return EdgeScopes.apply(identity, null, devices);
    }

    private DeviceIdentity create(DeviceIdentity request) {
        core.checkOpen();
        return core.create(created(core, request, this::findDevice), TwinState.fresh()).identity();
    }

    static DeviceAuthentication keysFor(DeviceAuthentication requested,
                                                @Nullable DeviceAuthentication current) {
        if (requested.type() != AuthenticationType.SAS || requested.symmetricKey() != null) {
            return requested;
        }
        SymmetricKey keys = current == null || current.symmetricKey() == null
                ? SymmetricKey.generate() : current.symmetricKey();
        return new DeviceAuthentication(AuthenticationType.SAS, keys, requested.x509Thumbprint());
    }
}
