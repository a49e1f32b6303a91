package io.twinkit.emulator;

import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import java.util.List;
import java.util.Optional;
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
 * <p>Thread-safe. {@link IotHub#registry()} hands out the registry of a hub.
 */
public interface DeviceRegistry {

    /**
     * Creates an enabled SAS device with generated keys.
     *
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    DeviceIdentity createDevice(DeviceId deviceId);

    /**
     * Creates a device as {@code request} describes it: status, status reason, authentication, capabilities and
     * IoT Edge scopes.
     *
     * @throws IllegalArgumentException if {@code request} is a module identity
     * @throws DeviceAlreadyExistsException if the device exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    DeviceIdentity createDevice(DeviceIdentity request);

    /**
     * Creates a SAS module with generated keys on an existing device.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleAlreadyExistsException if the module exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    DeviceIdentity createModule(DeviceId deviceId, ModuleId moduleId);

    /**
     * Creates a module as {@code request} describes it: status, status reason, authentication and
     * {@code managedBy}.
     *
     * @throws IllegalArgumentException if {@code request} is a device identity
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleAlreadyExistsException if the module exists
     * @throws HubStorageException if the write cannot be made durable; nothing changed
     */
    DeviceIdentity createModule(DeviceIdentity request);

    /**
     * Returns a device.
     *
     * @throws DeviceNotFoundException if it does not exist
     */
    DeviceIdentity getDevice(DeviceId deviceId);

    /**
     * Returns a module.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     */
    DeviceIdentity getModule(DeviceId deviceId, ModuleId moduleId);

    /**
     * Returns the device or module named by {@code key}.
     *
     * @throws DeviceNotFoundException if the device does not exist
     * @throws ModuleNotFoundException if the device exists but the module does not
     */
    DeviceIdentity get(TwinKey key);

    /** Returns the device or module named by {@code key}, if it exists. */
    Optional<DeviceIdentity> find(TwinKey key);

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
    DeviceIdentity update(DeviceIdentity identity, @Nullable String ifMatch);

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
    DeviceIdentity recordConnection(TwinKey key, ConnectionState state, @Nullable String modelId);

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
    void delete(TwinKey key, @Nullable String ifMatch);

    /** Returns every device, by device id. */
    List<DeviceIdentity> list();

    /**
     * Returns the modules of a device, by module id.
     *
     * @throws DeviceNotFoundException if the device does not exist
     */
    List<DeviceIdentity> modules(DeviceId deviceId);

    /** Returns the hub's shared access policies; a new hub has {@link SharedAccessPolicy#defaults()}. */
    List<SharedAccessPolicy> policies();

    /** Returns the shared access policy named {@code name} (case-sensitive), if there is one. */
    Optional<SharedAccessPolicy> policy(String name);

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
    BulkResult bulk(List<BulkOperation> operations);

    /** Returns the number of devices (modules not counted), and how many are enabled. */
    DeviceCounts deviceCounts();

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
}
