package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import io.twinkit.core.Capabilities;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A device or module identity of the registry, in the shape of the service's REST {@code Device} and {@code Module}
 * objects: id, generation id, identity etag, status, connection state, authentication and, for devices,
 * capabilities and IoT Edge scopes.
 *
 * <pre>{@code
 * DeviceIdentity created = hub.registry().createDevice(DeviceIdentity.builder(TwinKey.device("dev1"))
 *         .authentication(DeviceAuthentication.selfSigned("3F2A...", null))
 *         .build());
 * created.etag();                     // e.g. Optional[MQ==]: base64 of the hub's decimal identity counter, "1"
 * DeviceIdentity disabled = hub.registry().update(created.toBuilder()
 *         .status(DeviceStatus.DISABLED).statusReason("stolen").build(), created.etag().orElseThrow().value());
 * }</pre>
 *
 * <p>An identity passed to the registry is a request: the registry assigns the generation id and etag, keeps the
 * symmetric keys a client supplies and generates 256-bit keys for a SAS identity that has none. Identities returned
 * by the registry always have both. Modules have no capabilities and may name who manages them
 * ({@code managedBy}); devices have no {@code managedBy}.
 *
 * <p>Immutable and thread-safe; {@link #equals} compares every field.
 */
public final class DeviceIdentity {

    final TwinKey key;
    final @Nullable String generationId;
    final @Nullable ETag etag;
    final DeviceStatus status;
    final @Nullable String statusReason;
    final Instant statusUpdatedTime;
    final ConnectionState connectionState;
    final Instant connectionStateUpdatedTime;
    final Instant lastActivityTime;
    final int cloudToDeviceMessageCount;
    final DeviceAuthentication authentication;
    final @Nullable Capabilities capabilities;
    final @Nullable String managedBy;
    final @Nullable String deviceScope;
    final List<String> parentScopes;
    final String modelId;

    private DeviceIdentity(Builder b) {
        this.key = b.key;
        this.generationId = b.generationId;
        this.etag = b.etag;
        this.status = b.status;
        this.statusReason = b.statusReason;
        this.statusUpdatedTime = b.statusUpdatedTime;
        this.connectionState = b.connectionState;
        this.connectionStateUpdatedTime = b.connectionStateUpdatedTime;
        this.lastActivityTime = b.lastActivityTime;
        this.cloudToDeviceMessageCount = b.cloudToDeviceMessageCount;
        this.authentication = b.authentication;
        this.managedBy = b.managedBy;
        this.deviceScope = b.deviceScope;
        this.parentScopes = b.parentScopes;
        this.modelId = b.modelId;
        if (key.isModule()) {
            if (b.capabilities != null) {
                throw new IllegalArgumentException("module " + key + " cannot have capabilities; only devices do");
            }
            this.capabilities = null;
        } else {
            if (managedBy != null) {
                throw new IllegalArgumentException("device " + key + " cannot have managedBy; only modules do");
            }
            this.capabilities = b.capabilities == null ? new Capabilities(false) : b.capabilities;
        }
    }

    /** Returns a builder for the identity of {@code key}: enabled, disconnected, SAS without keys yet. */
    public static Builder builder(TwinKey key) {
        return new Builder(Objects.requireNonNull(key, "key"));
    }

    /**
     * Reads an identity from the service's REST {@code Device} or {@code Module} JSON; {@code null} members and
     * members this type does not model are ignored.
     *
     * @throws TwinJsonException if {@code deviceId} is missing or a member has the wrong type or value, naming its path
     */
    public static DeviceIdentity fromJson(JsonObject json) {
        return IdentityJson.read(json);
    }

    /** Returns the service's REST JSON form; the symmetric keys are included. */
    public JsonObject toJson() {
        return IdentityJson.write(this);
    }

    /** Returns a builder that starts from this identity. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the key of the identity: its device id and, for a module, module id. */
    public TwinKey key() {
        return key;
    }

    /** Returns the device id. */
    public DeviceId deviceId() {
        return key.deviceId();
    }

    /** Returns the module id; present exactly for module identities. */
    public Optional<ModuleId> moduleId() {
        return key.module();
    }

    /** Returns the generation id, which tells apart identities that reused an id; the registry assigns it. */
    public Optional<String> generationId() {
        return Optional.ofNullable(generationId);
    }

    /** Returns the identity etag ({@code deviceEtag} in the twin); the registry assigns it. */
    public Optional<ETag> etag() {
        return Optional.ofNullable(etag);
    }

    /** Returns whether the identity may connect. */
    public DeviceStatus status() {
        return status;
    }

    /** Returns why the status was set, if a reason was given. */
    public Optional<String> statusReason() {
        return Optional.ofNullable(statusReason);
    }

    /** Returns when the status last changed; {@link TwinTime#NEVER} if it never did. */
    public Instant statusUpdatedTime() {
        return statusUpdatedTime;
    }

    /** Returns whether the device or module is connected. */
    public ConnectionState connectionState() {
        return connectionState;
    }

    /** Returns when the connection state last changed; {@link TwinTime#NEVER} if it never did. */
    public Instant connectionStateUpdatedTime() {
        return connectionStateUpdatedTime;
    }

    /** Returns when the device or module was last active; {@link TwinTime#NEVER} if never. */
    public Instant lastActivityTime() {
        return lastActivityTime;
    }

    /** Returns the number of cloud-to-device messages queued for it. */
    public int cloudToDeviceMessageCount() {
        return cloudToDeviceMessageCount;
    }

    /** Returns how it authenticates. */
    public DeviceAuthentication authentication() {
        return authentication;
    }

    /** Returns the capabilities of a device; empty for a module. */
    public Optional<Capabilities> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    /** Returns who manages a module (for example {@code IotEdge}), if anyone. */
    public Optional<String> managedBy() {
        return Optional.ofNullable(managedBy);
    }

    /** Returns the IoT Edge scope of a device, if set. */
    public Optional<String> deviceScope() {
        return Optional.ofNullable(deviceScope);
    }

    /** Returns the IoT Edge parent scopes; empty when none. */
    public List<String> parentScopes() {
        return parentScopes;
    }

    /** Returns the IoT Plug and Play model id the device announced, {@code ""} when none (an emulator extension). */
    public String modelId() {
        return modelId;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof DeviceIdentity o
                && cloudToDeviceMessageCount == o.cloudToDeviceMessageCount
                && key.equals(o.key)
                && Objects.equals(generationId, o.generationId)
                && Objects.equals(etag, o.etag)
                && status == o.status
                && Objects.equals(statusReason, o.statusReason)
                && statusUpdatedTime.equals(o.statusUpdatedTime)
                && connectionState == o.connectionState
                && connectionStateUpdatedTime.equals(o.connectionStateUpdatedTime)
                && lastActivityTime.equals(o.lastActivityTime)
                && authentication.equals(o.authentication)
                && Objects.equals(capabilities, o.capabilities)
                && Objects.equals(managedBy, o.managedBy)
                && Objects.equals(deviceScope, o.deviceScope)
                && parentScopes.equals(o.parentScopes)
                && modelId.equals(o.modelId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, generationId, etag, status, authentication);
    }

    /** Returns the identity without its keys, safe to log. */
    @Override
    public String toString() {
        return "DeviceIdentity[" + key + ", etag=" + etag + ", " + status + ", " + authentication.type() + "]";
    }

    /** Builds a {@link DeviceIdentity}. Not thread-safe. */
    public static final class Builder {
        private final TwinKey key;
        private @Nullable String generationId;
        private @Nullable ETag etag;
        private DeviceStatus status = DeviceStatus.ENABLED;
        private @Nullable String statusReason;
        private Instant statusUpdatedTime = TwinTime.NEVER;
        private ConnectionState connectionState = ConnectionState.DISCONNECTED;
        private Instant connectionStateUpdatedTime = TwinTime.NEVER;
        private Instant lastActivityTime = TwinTime.NEVER;
        private int cloudToDeviceMessageCount;
        private DeviceAuthentication authentication = DeviceAuthentication.sas();
        private @Nullable Capabilities capabilities;
        private @Nullable String managedBy;
        private @Nullable String deviceScope;
        private List<String> parentScopes = List.of();
        private String modelId = "";

        private Builder(TwinKey key) {
            this.key = key;
        }

        private Builder(DeviceIdentity i) {
            this.key = i.key;
            this.generationId = i.generationId;
            this.etag = i.etag;
            this.status = i.status;
            this.statusReason = i.statusReason;
            this.statusUpdatedTime = i.statusUpdatedTime;
            this.connectionState = i.connectionState;
            this.connectionStateUpdatedTime = i.connectionStateUpdatedTime;
            this.lastActivityTime = i.lastActivityTime;
            this.cloudToDeviceMessageCount = i.cloudToDeviceMessageCount;
            this.authentication = i.authentication;
            this.capabilities = i.capabilities;
            this.managedBy = i.managedBy;
            this.deviceScope = i.deviceScope;
            this.parentScopes = i.parentScopes;
            this.modelId = i.modelId;
        }

        /** Sets the generation id. */
        public Builder generationId(@Nullable String value) {
            this.generationId = value;
            return this;
        }

        /** Sets the identity etag. */
        public Builder etag(@Nullable ETag value) {
            this.etag = value;
            return this;
        }

        /** Sets the status. */
        public Builder status(DeviceStatus value) {
            this.status = Objects.requireNonNull(value, "status");
            return this;
        }

        /** Sets why the status was set, or clears it. */
        public Builder statusReason(@Nullable String value) {
            this.statusReason = value;
            return this;
        }

        /** Sets when the status last changed. */
        public Builder statusUpdatedTime(Instant value) {
            this.statusUpdatedTime = Objects.requireNonNull(value, "statusUpdatedTime");
            return this;
        }

        /** Sets the connection state. */
        public Builder connectionState(ConnectionState value) {
            this.connectionState = Objects.requireNonNull(value, "connectionState");
            return this;
        }

        /** Sets when the connection state last changed. */
        public Builder connectionStateUpdatedTime(Instant value) {
            this.connectionStateUpdatedTime = Objects.requireNonNull(value, "connectionStateUpdatedTime");
            return this;
        }

        /** Sets when the device or module was last active. */
        public Builder lastActivityTime(Instant value) {
            this.lastActivityTime = Objects.requireNonNull(value, "lastActivityTime");
            return this;
        }

        /**
         * Sets the number of queued cloud-to-device messages.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cloudToDeviceMessageCount(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("cloudToDeviceMessageCount must not be negative: " + value);
            }
            this.cloudToDeviceMessageCount = value;
            return this;
        }

        /** Sets the authentication. */
        public Builder authentication(DeviceAuthentication value) {
            this.authentication = Objects.requireNonNull(value, "authentication");
            return this;
        }

        /** Sets the capabilities of a device; {@code null} means {@code iotEdge} false, and is all a module takes. */
        public Builder capabilities(@Nullable Capabilities value) {
            this.capabilities = value;
            return this;
        }

        /** Sets who manages a module, or clears it. */
        public Builder managedBy(@Nullable String value) {
            this.managedBy = value;
            return this;
        }

        /** Sets the IoT Edge scope of a device, or clears it. */
        public Builder deviceScope(@Nullable String value) {
            this.deviceScope = value;
            return this;
        }

        /** Sets the IoT Edge parent scopes. */
        public Builder parentScopes(List<String> value) {
            this.parentScopes = List.copyOf(value);
            return this;
        }

        /** Sets the IoT Plug and Play model id; {@code ""} for none. */
        public Builder modelId(String value) {
            this.modelId = Objects.requireNonNull(value, "modelId");
            return this;
        }

        /**
         * Returns the identity.
         *
         * @throws IllegalArgumentException if a module has capabilities or a device has {@code managedBy}
         */
        public DeviceIdentity build() {
            return new DeviceIdentity(this);
        }
    }
}
