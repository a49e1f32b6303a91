package io.twinkit.core;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A device or module twin as IoT Hub returns it: identity fields, {@code tags}, and desired and reported
 * properties with their {@code $version} and {@code $metadata}.
 *
 * <pre>{@code
 * TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject(body));
 * twin.deviceId();                                           // DeviceId "myDeviceId"
 * twin.tags().getString("location.plant");                   // Optional[Redmond43]
 * twin.reported().get("connectivity.type");                  // Optional["cellular"]
 * twin.desired().version();                                  // OptionalLong[3]
 * twin.etag().flatMap(e -> ...);
 * }</pre>
 *
 * <p>Every field but {@code deviceId} is optional, because query projections and older api-versions omit fields;
 * which fields were present is remembered, so {@link #fromJson} then {@link #toJson} is lossless for every shape the
 * service returns, integers and doubles included. Root members this version does not know are kept in
 * {@link #extraFields()} and written back. A few shapes the service never produces are normalised: a root member
 * that is {@code null}, {@code "properties":{}} and {@code "moduleId":""} are read as absent, and
 * {@code capabilities} and {@code x509Thumbprint} are written with exactly their modelled members. Timestamps are
 * {@link Instant}s with the service's 100 ns precision.
 *
 * <p>Immutable and thread-safe; {@link #equals} compares every field (property sets and metadata by JSON equality).
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins">Understand device twins</a>
 */
public final class TwinDocument {

    /**
     * The names of the twin's root fields in the service's JSON form and casing, in the order the service writes
     * them; any other root field is an {@linkplain #extraFields() extra field}. Immutable.
     */
    public static final List<String> FIELD_NAMES = List.of("deviceId", "moduleId", "etag", "deviceEtag", "version",
            "status", "statusReason", "statusUpdateTime", "connectionState", "lastActivityTime",
            "cloudToDeviceMessageCount", "authenticationType", "x509Thumbprint", "modelId", "capabilities",
            "deviceScope", "parentScopes", "configurations", "tags", "properties");

    final DeviceId deviceId;
    final @Nullable ModuleId moduleId;
    final @Nullable ETag etag;
    final @Nullable ETag deviceEtag;
    final long version;
    final @Nullable DeviceStatus status;
    final @Nullable String statusReason;
    final @Nullable Instant statusUpdateTime;
    final @Nullable ConnectionState connectionState;
    final @Nullable Instant lastActivityTime;
    final int cloudToDeviceMessageCount;
    final @Nullable AuthenticationType authenticationType;
    final @Nullable X509Thumbprint x509Thumbprint;
    final @Nullable String modelId;
    final @Nullable Capabilities capabilities;
    final @Nullable String deviceScope;
    final @Nullable List<String> parentScopes;
    final @Nullable Map<String, ConfigurationStatus> configurations;
    final @Nullable PropertySet tags;
    final @Nullable PropertySection desired;
    final @Nullable PropertySection reported;
    final Map<String, JsonValue> extraFields;

    private TwinDocument(Builder b) {
        this.deviceId = Objects.requireNonNull(b.deviceId, "deviceId");
        this.moduleId = b.moduleId;
        this.etag = b.etag;
        this.deviceEtag = b.deviceEtag;
        this.version = b.version;
        this.status = b.status;
        this.statusReason = b.statusReason;
        this.statusUpdateTime = b.statusUpdateTime;
        this.connectionState = b.connectionState;
        this.lastActivityTime = b.lastActivityTime;
        this.cloudToDeviceMessageCount = b.cloudToDeviceMessageCount;
        this.authenticationType = b.authenticationType;
        this.x509Thumbprint = b.x509Thumbprint;
        this.modelId = b.modelId;
        this.capabilities = b.capabilities;
        this.deviceScope = b.deviceScope;
        this.parentScopes = b.parentScopes == null ? null : List.copyOf(b.parentScopes);
        this.configurations = b.configurations == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.configurations));
        this.tags = b.tags;
        this.desired = b.desired;
        this.reported = b.reported;
        this.extraFields = b.extraFields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.extraFields));
    }

    /** Returns a builder for the twin of {@code deviceId}, with no other field set. */
    public static Builder builder(DeviceId deviceId) {
        return new Builder(deviceId);
    }

    /**
     * Reads a twin from its service JSON form.
     *
     * @throws TwinJsonException if {@code deviceId} is missing, or a known member has the wrong type or value; the
     *     exception names its path
     */
    public static TwinDocument fromJson(JsonObject json) {
        return TwinDocumentJson.read(json);
    }

    /** Returns the service JSON form, with the members that were set, in the service's order. */
    public JsonObject toJson() {
        return TwinDocumentJson.write(this);
    }

    /** Returns a builder that starts from this twin. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the device id. */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** Returns the module id; present exactly for module twins. */
    public Optional<ModuleId> moduleId() {
        return Optional.ofNullable(moduleId);
    }

    /** Returns whether this is a module twin. */
    public boolean isModuleTwin() {
        return moduleId != null;
    }

    /** Returns the twin etag, the guard of conditional back-end writes. */
    public Optional<ETag> etag() {
        return Optional.ofNullable(etag);
    }

    /** Returns the etag of the identity-registry entry (not of the twin). */
    public Optional<ETag> deviceEtag() {
        return Optional.ofNullable(deviceEtag);
    }

    /** Returns the twin-wide version (the etag counter plus the reported {@code $version}). */
    public OptionalLong version() {
        return version < 0 ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /** Returns whether the device is enabled. */
    public Optional<DeviceStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Returns why the status was last set. */
    public Optional<String> statusReason() {
        return Optional.ofNullable(statusReason);
    }

    /** Returns when the status last changed; {@link TwinTime#NEVER} for never. */
    public Optional<Instant> statusUpdateTime() {
        return Optional.ofNullable(statusUpdateTime);
    }

    /** Returns whether the device is connected. */
    public Optional<ConnectionState> connectionState() {
        return Optional.ofNullable(connectionState);
    }

    /** Returns when the device was last active; {@link TwinTime#NEVER} for never. Not reliable, per the service. */
    public Optional<Instant> lastActivityTime() {
        return Optional.ofNullable(lastActivityTime);
    }

    /** Returns the number of cloud-to-device messages queued for the device. */
    public OptionalInt cloudToDeviceMessageCount() {
        return cloudToDeviceMessageCount < 0 ? OptionalInt.empty() : OptionalInt.of(cloudToDeviceMessageCount);
    }

    /** Returns how the device authenticates. */
    public Optional<AuthenticationType> authenticationType() {
        return Optional.ofNullable(authenticationType);
    }

    /** Returns the X.509 thumbprints of a self-signed device. */
    public Optional<X509Thumbprint> x509Thumbprint() {
        return Optional.ofNullable(x509Thumbprint);
    }

    /** Returns the IoT Plug and Play model id; the service reports {@code ""} when none was announced. */
    public Optional<String> modelId() {
        return Optional.ofNullable(modelId);
    }

    /** Returns the device capabilities. */
    public Optional<Capabilities> capabilities() {
        return Optional.ofNullable(capabilities);
    }

    /** Returns the IoT Edge hierarchy scope of the device. */
    public Optional<String> deviceScope() {
        return Optional.ofNullable(deviceScope);
    }

    /** Returns the IoT Edge parent scopes; empty when absent. */
    public List<String> parentScopes() {
        return parentScopes == null ? List.of() : parentScopes;
    }

    /** Returns whether the JSON form has a {@code parentScopes} member. */
    public boolean hasParentScopes() {
        return parentScopes != null;
    }

    /** Returns the automatic device configurations and their status, by configuration id; empty when absent. */
    public Map<String, ConfigurationStatus> configurations() {
        return configurations == null ? Map.of() : configurations;
    }

    /** Returns whether the JSON form has a {@code configurations} member. */
    public boolean hasConfigurations() {
        return configurations != null;
    }

    /** Returns the tags; empty when the twin has none. */
    public PropertySet tags() {
        return tags == null ? PropertySet.empty() : tags;
    }

    /** Returns whether the JSON form has a {@code tags} member (the service may omit it when empty). */
    public boolean hasTags() {
        return tags != null;
    }

    /** Returns the desired properties; an empty section when absent. */
    public PropertySection desired() {
        return desired == null ? PropertySection.empty() : desired;
    }

    /** Returns whether the JSON form has {@code properties.desired}. */
    public boolean hasDesired() {
        return desired != null;
    }

    /** Returns the reported properties; an empty section when absent. */
    public PropertySection reported() {
        return reported == null ? PropertySection.empty() : reported;
    }

    /** Returns whether the JSON form has {@code properties.reported}. */
    public boolean hasReported() {
        return reported != null;
    }

    /** Returns the root members this version of twinkit does not model, in document order. */
    public Map<String, JsonValue> extraFields() {
        return extraFields;
    }

    /** Returns a copy with other tags. */
    public TwinDocument withTags(PropertySet tags) {
        return toBuilder().tags(tags).build();
    }

    /** Returns a copy with another desired section. */
    public TwinDocument withDesired(PropertySection desired) {
        return toBuilder().desired(desired).build();
    }

    /** Returns a copy with another reported section. */
    public TwinDocument withReported(PropertySection reported) {
        return toBuilder().reported(reported).build();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof TwinDocument o
                && version == o.version
                && cloudToDeviceMessageCount == o.cloudToDeviceMessageCount
                && deviceId.equals(o.deviceId)
                && Objects.equals(moduleId, o.moduleId)
                && Objects.equals(etag, o.etag)
                && Objects.equals(deviceEtag, o.deviceEtag)
                && status == o.status
                && Objects.equals(statusReason, o.statusReason)
                && Objects.equals(statusUpdateTime, o.statusUpdateTime)
                && connectionState == o.connectionState
                && Objects.equals(lastActivityTime, o.lastActivityTime)
                && authenticationType == o.authenticationType
                && Objects.equals(x509Thumbprint, o.x509Thumbprint)
                && Objects.equals(modelId, o.modelId)
                && Objects.equals(capabilities, o.capabilities)
                && Objects.equals(deviceScope, o.deviceScope)
                && Objects.equals(parentScopes, o.parentScopes)
                && Objects.equals(configurations, o.configurations)
                && Objects.equals(tags, o.tags)
                && Objects.equals(desired, o.desired)
                && Objects.equals(reported, o.reported)
                && extraFields.equals(o.extraFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, moduleId, etag, version, tags, desired, reported);
    }

    /** Returns the compact service JSON text. */
    @Override
    public String toString() {
        return toJson().toString();
    }

    /**
     * Builds a {@link TwinDocument}. Setting a field to {@code null} (or a negative number) unsets it. Not
     * thread-safe.
     */
    public static final class Builder {
        private DeviceId deviceId;
        private @Nullable ModuleId moduleId;
        private @Nullable ETag etag;
        private @Nullable ETag deviceEtag;
        private long version = -1;
        private @Nullable DeviceStatus status;
        private @Nullable String statusReason;
        private @Nullable Instant statusUpdateTime;
        private @Nullable ConnectionState connectionState;
        private @Nullable Instant lastActivityTime;
        private int cloudToDeviceMessageCount = -1;
        private @Nullable AuthenticationType authenticationType;
        private @Nullable X509Thumbprint x509Thumbprint;
        private @Nullable String modelId;
        private @Nullable Capabilities capabilities;
        private @Nullable String deviceScope;
        private @Nullable List<String> parentScopes;
        private @Nullable Map<String, ConfigurationStatus> configurations;
        private @Nullable PropertySet tags;
        private @Nullable PropertySection desired;
        private @Nullable PropertySection reported;
        private final Map<String, JsonValue> extraFields = new LinkedHashMap<>();

        private Builder(DeviceId deviceId) {
            this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        }

        private Builder(TwinDocument t) {
            this.deviceId = t.deviceId;
            this.moduleId = t.moduleId;
            this.etag = t.etag;
            this.deviceEtag = t.deviceEtag;
            this.version = t.version;
            this.status = t.status;
            this.statusReason = t.statusReason;
            this.statusUpdateTime = t.statusUpdateTime;
            this.connectionState = t.connectionState;
            this.lastActivityTime = t.lastActivityTime;
            this.cloudToDeviceMessageCount = t.cloudToDeviceMessageCount;
            this.authenticationType = t.authenticationType;
            this.x509Thumbprint = t.x509Thumbprint;
            this.modelId = t.modelId;
            this.capabilities = t.capabilities;
            this.deviceScope = t.deviceScope;
            this.parentScopes = t.parentScopes;
            this.configurations = t.configurations;
            this.tags = t.tags;
            this.desired = t.desired;
            this.reported = t.reported;
            this.extraFields.putAll(t.extraFields);
        }

        /** Sets the device id. */
        public Builder deviceId(DeviceId value) {
            this.deviceId = Objects.requireNonNull(value, "deviceId");
            return this;
        }

        /** Sets the module id, making this a module twin, or unsets it. */
        public Builder moduleId(@Nullable ModuleId value) {
            this.moduleId = value;
            return this;
        }

        /** Sets the twin etag. */
        public Builder etag(@Nullable ETag value) {
            this.etag = value;
            return this;
        }

        /** Sets the identity-registry etag. */
        public Builder deviceEtag(@Nullable ETag value) {
            this.deviceEtag = value;
            return this;
        }

        /** Sets the twin version; a negative value unsets it. */
        public Builder version(long value) {
            this.version = Math.max(value, -1);
            return this;
        }

        /** Sets the device status. */
        public Builder status(@Nullable DeviceStatus value) {
            this.status = value;
            return this;
        }

        /** Sets the status reason. */
        public Builder statusReason(@Nullable String value) {
            this.statusReason = value;
            return this;
        }

        /** Sets when the status last changed. */
        public Builder statusUpdateTime(@Nullable Instant value) {
            this.statusUpdateTime = value;
            return this;
        }

        /** Sets the connection state. */
        public Builder connectionState(@Nullable ConnectionState value) {
            this.connectionState = value;
            return this;
        }

        /** Sets when the device was last active. */
        public Builder lastActivityTime(@Nullable Instant value) {
            this.lastActivityTime = value;
            return this;
        }

        /** Sets the cloud-to-device message count; a negative value unsets it. */
        public Builder cloudToDeviceMessageCount(int value) {
            this.cloudToDeviceMessageCount = Math.max(value, -1);
            return this;
        }

        /** Sets the authentication type. */
        public Builder authenticationType(@Nullable AuthenticationType value) {
            this.authenticationType = value;
            return this;
        }

        /** Sets the X.509 thumbprints. */
        public Builder x509Thumbprint(@Nullable X509Thumbprint value) {
            this.x509Thumbprint = value;
            return this;
        }

        /** Sets the Plug and Play model id ({@code ""} for none, as the service reports it). */
        public Builder modelId(@Nullable String value) {
            this.modelId = value;
            return this;
        }

        /** Sets the capabilities. */
        public Builder capabilities(@Nullable Capabilities value) {
            this.capabilities = value;
            return this;
        }

        /** Sets the IoT Edge device scope. */
        public Builder deviceScope(@Nullable String value) {
            this.deviceScope = value;
            return this;
        }

        /** Sets the IoT Edge parent scopes. */
        public Builder parentScopes(@Nullable List<String> value) {
            this.parentScopes = value == null ? null : List.copyOf(value);
            return this;
        }

        /** Sets the automatic device configurations. */
        public Builder configurations(@Nullable Map<String, ConfigurationStatus> value) {
            this.configurations = value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value));
            return this;
        }

        /** Sets the tags. */
        public Builder tags(@Nullable PropertySet value) {
            this.tags = value;
            return this;
        }

        /** Sets the desired section. */
        public Builder desired(@Nullable PropertySection value) {
            this.desired = value;
            return this;
        }

        /** Sets the reported section. */
        public Builder reported(@Nullable PropertySection value) {
            this.reported = value;
            return this;
        }

        /**
         * Sets a root member this version does not model, or removes it when {@code value} is {@code null}.
         *
         * @throws IllegalArgumentException if {@code name} is a modelled field
         */
        public Builder extraField(String name, @Nullable JsonValue value) {
            if (TwinDocumentJson.isKnownField(name)) {
                throw new IllegalArgumentException("'" + name + "' is a modelled twin field; use its setter");
            }
            if (value == null) {
                extraFields.remove(name);
            } else {
                extraFields.put(name, value);
            }
            return this;
        }

        /** Returns the twin. */
        public TwinDocument build() {
            return new TwinDocument(this);
        }
    }
}
