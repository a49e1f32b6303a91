package io.twinkit.emulator.internal.hub;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinSection;
import io.twinkit.core.TwinTime;
import io.twinkit.core.X509Thumbprint;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.DesiredPropertiesListener;
import io.twinkit.emulator.DeviceAuthentication;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.Subscription;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.emulator.TwinService;
import io.twinkit.emulator.internal.RequestKind;
import io.twinkit.emulator.internal.Throttle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TwinService} of a hub over its {@link HubCore}: each write computes the new twin under the entry's lock
 * and commits it through the core; requests are counted by the hub's throttle. Thread-safe.
 */
public final class HubTwins implements TwinService {

    private final HubCore core;
    private final Throttle throttle;

    HubTwins(HubCore core, Throttle throttle) {
        this.core = core;
        this.throttle = throttle;
    }

    @Override
    public TwinDocument get(TwinKey key) {
        throttle.acquire(RequestKind.TWIN_READ);
        Objects.requireNonNull(key, "key");
        return core.read(key).document();
    }

    @Override
    public TwinDocument update(TwinKey key, JsonObject body, @Nullable String ifMatch) {
        throttle.acquire(RequestKind.TWIN_UPDATE);
        Objects.requireNonNull(key, "key");
        TwinBodies.Update parsed = TwinBodies.update(Objects.requireNonNull(body, "body"), core.options);
        return core.write(key, current -> updated(current, parsed, ifMatch)).document();
    }

    /**
     * Computes an update of {@code current} (see {@link #update}); a twin etag that does not match {@code ifMatch}
     * throws.
     */
    HubCore.Outcome updated(HubEntry.Slot current, TwinBodies.Update parsed, @Nullable String ifMatch) {
        TwinState twin = current.twin();
        PropertySet tags = twin.tags();
        if (parsed.tags() != null) {
            tags = TwinBodies.apply(core.validator, core.options, TwinSection.TAGS, twin.tagsOrEmpty(),
                    parsed.tags().against(twin.tagsOrEmpty()));
        }
        PropertySection desired = twin.desired();
        JsonObject notification = null;
        MergePatch desiredPatch = parsed.desired() == null ? null : parsed.desired().against(desired.properties());
        if (desiredPatch != null) {
            PropertySet properties = TwinBodies.apply(core.validator, core.options, TwinSection.DESIRED,
                    desired.properties(), desiredPatch);
            if (!desiredPatch.isEmpty() || core.options.emptyDesiredBumpsVersion()) {
                long version = twin.desiredVersion() + 1;
                desired = PropertySection.of(properties, version).withMetadata(new MetadataStamper(core.now(),
                        version).afterPatch(desired.metadata(), desired.properties().toJson(),
                        desiredPatch.toJson()));
                notification = desiredPatch.toJson().with(PropertySection.VERSION, JsonNumber.of(version));
            }
        }
        requireEtagMatch(current, ifMatch);
        TwinState next = new TwinState(twin.etagCounter() + 1, tags, desired, twin.reported(),
                twin.configurations());
        return new HubCore.Outcome(current.identity(), next, notification);
    }

    @Override
    public TwinDocument replace(TwinKey key, JsonObject body, @Nullable String ifMatch) {
        throttle.acquire(RequestKind.TWIN_UPDATE);
        Objects.requireNonNull(key, "key");
        TwinBodies.Replace parsed = TwinBodies.replace(Objects.requireNonNull(body, "body"), core.validator,
                core.options);
        return core.write(key, current -> {
            requireEtagMatch(current, ifMatch);
            TwinState twin = current.twin();
            long version = twin.desiredVersion() + 1;
            PropertySection desired = PropertySection.of(parsed.desired(), version)
                    .withMetadata(new MetadataStamper(core.now(), version).afterReplace(parsed.desired().toJson()));
            JsonObject notification = parsed.desired().toJson().with(PropertySection.VERSION, JsonNumber.of(version));
            TwinState next = new TwinState(twin.etagCounter() + 1, parsed.tags(), desired, twin.reported(),
                    twin.configurations());
            return new HubCore.Outcome(current.identity(), next, notification);
        }).document();
    }

    @Override
    public JsonObject deviceGet(TwinKey key) {
        throttle.acquire(RequestKind.TWIN_READ);
        Objects.requireNonNull(key, "key");
        TwinState twin = core.read(key).twin();
        return JsonObject.of("desired", twin.desired().withoutMetadata().toJson(),
                "reported", twin.reported().withoutMetadata().toJson());
    }

    @Override
    public long report(TwinKey key, JsonObject patch, @Nullable Long expectedVersion) {
        throttle.acquire(RequestKind.TWIN_UPDATE);
        Objects.requireNonNull(key, "key");
        MergePatch reportedPatch = MergePatch.of(Objects.requireNonNull(patch, "patch"));
        return core.write(key, current -> {
            TwinState twin = current.twin();
            PropertySection reported = twin.reported();
            PropertySet properties = TwinBodies.apply(core.validator, core.options, TwinSection.REPORTED,
                    reported.properties(), reportedPatch);
            if (expectedVersion != null && expectedVersion != twin.reportedVersion()) {
                throw new PreconditionFailedException("the reported $version of twin '" + key + "' is "
                        + twin.reportedVersion() + ", not " + expectedVersion + " [412001 PreconditionFailed]; get"
                        + " the twin again and retry");
            }
            long version = twin.reportedVersion() + 1;
            PropertySection next = PropertySection.of(properties, version).withMetadata(
                    new MetadataStamper(core.now(), -1).afterPatch(reported.metadata(),
                            reported.properties().toJson(), reportedPatch.toJson()));
            return new HubCore.Outcome(current.identity(), twin.withReported(next), null);
        }).twin().reportedVersion();
    }

    @Override
    public Subscription subscribe(TwinKey key, DesiredPropertiesListener listener) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(listener, "listener");
        core.checkOpen();
        return core.notifier.subscribe(key, listener);
    }

    @Override
    public TwinDocument importTwin(TwinDocument twin) {
        Objects.requireNonNull(twin, "twin");
        core.checkOpen();
        TwinKey key = new TwinKey(twin.deviceId(), twin.moduleId().orElse(null));
        TwinState state = TwinState.of(twin);
        core.validator.validateDocument(TwinSection.TAGS, state.tagsOrEmpty());
        core.validator.validateDocument(TwinSection.DESIRED, state.desired().properties());
        core.validator.validateDocument(TwinSection.REPORTED, state.reported().properties());
        AuthenticationType type = twin.authenticationType().orElse(AuthenticationType.SAS);
        DeviceIdentity identity = DeviceIdentity.builder(key)
                .generationId(HubCore.newGenerationId())
                .etag(twin.deviceEtag().map(core::observeIdentityEtag).orElseGet(core::nextIdentityEtag))
                .status(twin.status().orElse(DeviceStatus.ENABLED))
                .statusReason(twin.statusReason().orElse(null))
                .statusUpdatedTime(twin.statusUpdateTime().orElse(TwinTime.NEVER))
                .connectionState(twin.connectionState().orElse(ConnectionState.DISCONNECTED))
                .lastActivityTime(twin.lastActivityTime().orElse(TwinTime.NEVER))
                .cloudToDeviceMessageCount(twin.cloudToDeviceMessageCount().orElse(0))
                .authentication(new DeviceAuthentication(type,
                        type == AuthenticationType.SAS ? SymmetricKey.generate() : null,
                        twin.x509Thumbprint().orElse(X509Thumbprint.none())))
                .capabilities(key.isModule() ? null : twin.capabilities().orElse(null))
                .deviceScope(twin.deviceScope().orElse(null))
                .parentScopes(twin.parentScopes())
                .modelId(twin.modelId().orElse(""))
                .build();
        return core.create(identity, state).document();
    }

    static void requireEtagMatch(HubEntry.Slot current, @Nullable String ifMatch) {
        ETag etag = current.twin().etag();
        if (!etag.matchesIfMatch(ifMatch)) {
            throw new PreconditionFailedException("If-Match " + ifMatch + " does not match the etag " + etag
                    + " of twin '" + current.identity().key() + "' [412001 PreconditionFailed]; get the twin again"
                    + " and retry");
        }
    }
}
