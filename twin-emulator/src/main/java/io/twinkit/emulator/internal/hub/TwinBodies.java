package io.twinkit.emulator.internal.hub;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinSection;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.core.validation.ValidationRule;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.SectionTooLargeException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bodies of service updates (PATCH) and replaces (PUT) and applies the hub's validation to them. Only
 * {@code tags} and {@code properties.desired} are read; every other root member ({@code deviceId}, {@code etag},
 * {@code version}, ...) is ignored, and a root member that is {@code null} counts as not supplied. In an update,
 * {@code "tags":null} and {@code "properties":{"desired":null}} are merge-patch deletions of the whole section: every
 * key goes (see {@link SectionPatch}); in a replace they count as {@code {}}.
 * {@code properties.reported} may only be {@code {}} unless {@link HubOptions#rejectReportedInServicePatch()} is
 * off, in which case it is ignored whatever it holds. The read-only section members {@code $version} and
 * {@code $metadata} (as in a twin read back from GET) are ignored everywhere.
 */
final class TwinBodies {

    private TwinBodies() {
    }

    /**
     * The sections a service update writes.
     *
     * @param tags the tags change, or {@code null} when the body does not supply tags
     * @param desired the desired change, or {@code null} when the body does not supply {@code properties.desired}
     */
    record Update(@Nullable SectionPatch tags, @Nullable SectionPatch desired) {
    }

    /**
     * What an update writes into one section: a merge patch, or, for a section that is {@code null} in the body, the
     * removal of every key. The service treats {@code "properties":{"desired":null}} as a deletion of all desired
     * properties: the desired {@code $version} goes up and the device is notified of every removed key as
     * {@code null} (the Node SDK's e2e test "can null out all desired properties" expects the device's merged copy
     * to end up empty); {@code "tags":null} likewise removes every tag (the section is a member of the merge patch
     * like any other; the Node SDK's "can null out all tags" expects {@code {}}).
     *
     * @param patch the patch, or {@code null} to remove every key of the section
     */
    record SectionPatch(@Nullable MergePatch patch) {

        /** The removal of every key. */
        static final SectionPatch CLEAR = new SectionPatch(null);

        /** Returns the merge patch this change makes to a section holding {@code current}. */
        MergePatch against(PropertySet current) {
            return patch != null ? patch : MergePatch.compute(current, PropertySet.empty());
        }
    }

    /**
     * The sections a service replace writes, validated as stored documents.
     *
     * @param tags the new tags ({@code {}} when the body has none)
     * @param desired the new desired properties ({@code {}} when the body has none)
     */
    record Replace(PropertySet tags, PropertySet desired) {
    }

    static Update update(JsonObject body, HubOptions options) {
        SectionPatch tags = change(body, "tags", "tags");
        JsonObject properties = propertiesOf(body, options);
        SectionPatch desired = properties == null ? null : change(properties, "desired", "properties.desired");
        return new Update(tags, desired);
    }

    private static @Nullable SectionPatch change(JsonObject parent, String member, String path) {
        JsonValue value = parent.valueOrNull(member);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return SectionPatch.CLEAR;
        }
        return new SectionPatch(MergePatch.of(object(parent, member, path)));
    }

    static Replace replace(JsonObject body, TwinValidator validator, HubOptions options) {
        JsonObject tags = object(body, "tags", "tags");
        JsonObject desired = desiredOf(body, options);
        return new Replace(document(validator, options, TwinSection.TAGS, tags),
                document(validator, options, TwinSection.DESIRED, desired));
    }

    /**
     * Applies a patch with the service's checks: the patch rules, then the size of the result.
     *
     * @throws TwinValidationException if the patch breaks a rule or the result is too large
     * @throws SectionTooLargeException instead, for the size, when the hub answers size violations with 403
     */
    static PropertySet apply(TwinValidator validator, HubOptions options, TwinSection section, PropertySet target,
                             MergePatch patch) {
        return sizeAware(options, () -> validator.apply(section, target, patch));
    }

    private static PropertySet document(TwinValidator validator, HubOptions options, TwinSection section,
                                        @Nullable JsonObject json) {
        if (json == null) {
            return PropertySet.empty();
        }
        JsonObject user = withoutReadOnly(json);
        return sizeAware(options, () -> {
            validator.validateDocument(section, user);
            return PropertySet.of(user);
        });
    }

    private static @Nullable JsonObject desiredOf(JsonObject body, HubOptions options) {
        JsonObject properties = propertiesOf(body, options);
        return properties == null ? null : object(properties, "desired", "properties.desired");
    }

    /** Returns {@code properties}, or {@code null} when absent, after checking its {@code reported} member. */
    private static @Nullable JsonObject propertiesOf(JsonObject body, HubOptions options) {
        JsonObject properties = object(body, "properties", "properties");
        if (properties == null) {
            return null;
        }
        JsonObject reported = object(properties, "reported", "properties.reported");
        if (reported != null && options.rejectReportedInServicePatch()) {
            JsonObject user = withoutReadOnly(reported);
            if (!user.isEmpty()) {
                throw HubCore.argumentInvalid("the back end cannot write reported properties: properties.reported"
                        + " must be absent or {} in a service update, but has " + user.keys() + " (at"
                        + " 'properties.reported')");
            }
        }
        return properties;
    }

    /** Drops {@code $version} and {@code $metadata}: read back from a GET, they are ignored like other read-only fields. */
    private static JsonObject withoutReadOnly(JsonObject section) {
        return section.without(PropertySection.VERSION).without(PropertySection.METADATA);
    }

    private static @Nullable JsonObject object(JsonObject parent, String member, String path) {
        JsonValue value = parent.valueOrNull(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof JsonObject object) {
            return object;
        }
        throw HubCore.argumentInvalid(path + " must be an object but is " + value.type() + " (at '" + path + "')");
    }

    private static PropertySet sizeAware(HubOptions options, Supplier<PropertySet> check) {
        try {
            return check.get();
        } catch (TwinValidationException e) {
            if (e.rule() == ValidationRule.SECTION_TOO_LARGE && options.sizeViolationIs403()) {
                throw new SectionTooLargeException(e);
            }
            throw e;
        }
    }
}
