package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.ConfigurationStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.DeviceIdentity;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The part of a twin the twin store owns: the etag counter, tags, and desired and reported properties with their
 * {@code $version} and {@code $metadata}, plus the configurations an imported twin carried. Identity fields live in
 * the {@link DeviceIdentity}. Immutable; every write builds a new state.
 *
 * <p>Storage record ({@code TWINS} namespace, key {@code deviceId} or {@code deviceId/moduleId}): the service's twin
 * JSON restricted to these members, e.g.
 * {@code {"deviceId":"d1","etag":"AAAAAAAAAAI=","version":3,"tags":{..},"properties":{"desired":{..,"$metadata":{..},
 * "$version":2},"reported":{..,"$metadata":{..},"$version":1}}}}. The etag counter is decoded from {@code etag};
 * {@code tags} is absent for a twin that has none (as imported), {@code configurations} present only when imported
 * with them, and {@code $metadata} absent when an imported twin came without it.
 *
 * @param etagCounter the twin etag counter; {@code etag} is {@link ETag#ofCounter} of it
 * @param tags the tags, or {@code null} for a twin whose JSON has no {@code tags} member
 * @param desired the desired section, with {@code $version}
 * @param reported the reported section, with {@code $version}
 * @param configurations the automatic device configurations, or {@code null} when the twin has no such member
 */
record TwinState(long etagCounter, @Nullable PropertySet tags, PropertySection desired, PropertySection reported,
                 @Nullable Map<String, ConfigurationStatus> configurations) {

    TwinState {
        if (etagCounter < 0) {
            throw new IllegalArgumentException("etag counter must not be negative: " + etagCounter);
        }
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(reported, "reported");
        if (desired.version().isEmpty() || reported.version().isEmpty()) {
            throw new IllegalArgumentException("a stored twin has a $version in both desired and reported");
        }
        configurations = configurations == null ? null : Map.copyOf(configurations);
    }

    private static final TwinState FRESH = fresh(PropertySection.of(PropertySet.empty(), 1).withMetadata(
            PropertyMetadata.of(JsonObject.of("$lastUpdated", JsonString.of(TwinTime.format(TwinTime.NEVER))))));

    private static TwinState fresh(PropertySection empty) {
        return new TwinState(1, PropertySet.empty(), empty, empty, null);
    }

    /** Returns the state of a new twin: etag counter 1, both {@code $version}s 1, root metadata at "never". */
    static TwinState fresh() {
        return FRESH;
    }

    ETag etag() {
        return ETag.ofCounter(etagCounter);
    }

    long desiredVersion() {
        return desired.version().getAsLong();
    }

    long reportedVersion() {
        return reported.version().getAsLong();
    }

    /** Returns the twin {@code version}: the etag counter plus the reported {@code $version}. */
    long version() {
        return etagCounter + reportedVersion();
    }

    PropertySet tagsOrEmpty() {
        return tags == null ? PropertySet.empty() : tags;
    }

    TwinState withEtagCounter(long counter) {
        return new TwinState(counter, tags, desired, reported, configurations);
    }

    TwinState withTags(PropertySet value) {
        return new TwinState(etagCounter, value, desired, reported, configurations);
    }

    TwinState withDesired(PropertySection value) {
        return new TwinState(etagCounter, tags, value, reported, configurations);
    }

    TwinState withReported(PropertySection value) {
        return new TwinState(etagCounter, tags, desired, value, configurations);
    }

    /** Returns the full twin as the service's GET returns it, identity fields taken from {@code identity}. */
    TwinDocument toDocument(DeviceIdentity identity) {
        TwinDocument.Builder b = TwinDocument.builder(identity.deviceId())
                .moduleId(identity.key().moduleId())
                .etag(etag())
                .deviceEtag(identity.etag().orElse(null))
                .version(version())
                .status(identity.status())
                .statusReason(identity.statusReason().orElse(null))
                .statusUpdateTime(identity.statusUpdatedTime())
                .connectionState(identity.connectionState())
                .lastActivityTime(identity.lastActivityTime())
                .cloudToDeviceMessageCount(identity.cloudToDeviceMessageCount())
                .authenticationType(identity.authentication().type())
                .x509Thumbprint(identity.authentication().x509Thumbprint())
                .modelId(identity.modelId())
                .capabilities(identity.capabilities().orElse(null))
                .deviceScope(identity.deviceScope().orElse(null))
                .parentScopes(identity.parentScopes().isEmpty() ? null : identity.parentScopes())
                .configurations(configurations)
                .tags(tags)
                .desired(desired)
                .reported(reported);
        return b.build();
    }

    /** Returns the storage record. */
    JsonObject toRecord(TwinKey key) {
        return TwinDocument.builder(key.deviceId())
                .moduleId(key.moduleId())
                .etag(etag())
                .version(version())
                .configurations(configurations)
                .tags(tags)
                .desired(desired)
                .reported(reported)
                .build()
                .toJson();
    }

    /**
     * Reads a storage record, or the twin-owned part of an imported twin: the etag counter from {@code etag} (1 when
     * absent), {@code $version} 1 where a section has none.
     *
     * @throws TwinJsonException if the etag is not the service's counter form, or {@code version} contradicts the
     *     counters
     */
    static TwinState of(TwinDocument twin) {
        long counter = 1;
        if (twin.etag().isPresent()) {
            OptionalLong decoded = twin.etag().get().counter();
            if (decoded.isEmpty() || decoded.getAsLong() < 1) {
                throw new TwinJsonException("etag '" + twin.etag().get() + "' is not a twin etag: base64 of an"
                        + " 8-byte big-endian counter of at least 1, such as AAAAAAAAAAE=", "etag");
            }
            counter = decoded.getAsLong();
        }
        PropertySection desired = withDefaultVersion(twin.desired());
        PropertySection reported = withDefaultVersion(twin.reported());
        TwinState state = new TwinState(counter, twin.hasTags() ? twin.tags() : null, desired, reported,
                twin.hasConfigurations() ? twin.configurations() : null);
        if (twin.version().isPresent() && twin.version().getAsLong() != state.version()) {
            throw new TwinJsonException("version " + twin.version().getAsLong() + " is not the etag counter ("
                    + counter + ") plus the reported $version (" + state.reportedVersion() + ") = " + state.version()
                    + ", as the service keeps it", "version");
        }
        return state;
    }

    private static PropertySection withDefaultVersion(PropertySection section) {
        return section.version().isPresent() ? section : section.withVersion(1);
    }
}
