package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinTime;
import io.twinkit.emulator.BulkOperation;
import io.twinkit.emulator.BulkResult;
import io.twinkit.emulator.DeviceAuthentication;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.DeviceRegistry;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DeviceRegistry} of a hub over its {@link HubCore}: identity writes under the entry's lock, bulk requests
 * through {@link BulkRegistry}. Thread-safe.
 */
public final class HubRegistry implements DeviceRegistry {

    private final HubCore core;
    private final BulkRegistry bulk;

    HubRegistry(HubCore core, HubTwins twins) {
        this.core = core;
        this.bulk = new BulkRegistry(core, twins);
    }

    @Override
    public DeviceIdentity createDevice(DeviceId deviceId) {
        return createDevice(DeviceIdentity.builder(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")))
                .build());
    }

    @Override
    public DeviceIdentity createDevice(DeviceIdentity request) {
        Objects.requireNonNull(request, "request");
        if (request.key().isModule()) {
            throw new IllegalArgumentException("createDevice needs a device identity, not module " + request.key()
                    + "; use createModule");
        }
        return create(request);
    }

    @Override
    public DeviceIdentity createModule(DeviceId deviceId, ModuleId moduleId) {
        return createModule(DeviceIdentity.builder(TwinKey.module(deviceId, moduleId)).build());
    }

    @Override
    public DeviceIdentity createModule(DeviceIdentity request) {
        Objects.requireNonNull(request, "request");
        if (!request.key().isModule()) {
            throw new IllegalArgumentException("createModule needs a module identity, not device " + request.key()
                    + "; use createDevice");
        }
        return create(request);
    }

    @Override
    public DeviceIdentity getDevice(DeviceId deviceId) {
        return get(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")));
    }

    @Override
    public DeviceIdentity getModule(DeviceId deviceId, ModuleId moduleId) {
        return get(TwinKey.module(deviceId, moduleId));
    }

    @Override
    public DeviceIdentity get(TwinKey key) {
        return core.read(Objects.requireNonNull(key, "key")).identity();
    }

    @Override
    public Optional<DeviceIdentity> find(TwinKey key) {
        return core.find(Objects.requireNonNull(key, "key")).map(HubEntry.Slot::identity);
    }

    @Override
    public DeviceIdentity update(DeviceIdentity identity, @Nullable String ifMatch) {
        Objects.requireNonNull(identity, "identity");
        return core.write(identity.key(), current -> {
            DeviceIdentity old = current.identity();
            HubCore.requireIdentityMatch(old, ifMatch);
            return new HubCore.Outcome(updated(core, old, identity, this::findDevice), current.twin(), null);
        }).identity();
    }

    @Override
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

    @Override
    public void delete(TwinKey key, @Nullable String ifMatch) {
        core.delete(Objects.requireNonNull(key, "key"), ifMatch);
    }

    @Override
    public List<DeviceIdentity> list() {
        return core.readAll(key -> !key.isModule()).stream().map(HubEntry.Slot::identity).toList();
    }

    @Override
    public List<DeviceIdentity> modules(DeviceId deviceId) {
        List<DeviceIdentity> modules = new ArrayList<>();
        for (ModuleId moduleId : core.modulesOf(TwinKey.device(Objects.requireNonNull(deviceId, "deviceId")))) {
            core.find(TwinKey.module(deviceId, moduleId)).ifPresent(slot -> modules.add(slot.identity()));
        }
        return List.copyOf(modules);
    }

    @Override
    public List<SharedAccessPolicy> policies() {
        core.checkOpen();
        return core.policies();
    }

    @Override
    public Optional<SharedAccessPolicy> policy(String name) {
        Objects.requireNonNull(name, "name");
        return policies().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public BulkResult bulk(List<BulkOperation> operations) {
        return bulk.apply(operations);
    }

    @Override
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
