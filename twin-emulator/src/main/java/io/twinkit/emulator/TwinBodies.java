package io.twinkit.emulator;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinSection;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.core.validation.ValidationRule;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bodies of service updates (PATCH) and replaces (PUT) and applies the hub's validation to them. Only
 * {@code tags} and {@code properties.desired} are read; every other root member ({@code deviceId}, {@code etag},
 * {@code version}, ...) is ignored, and a root member that is {@code null} counts as not supplied.
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
     * @param tags the tags patch, or {@code null} when the body does not supply tags
     * @param desired the desired patch, or {@code null} when the body does not supply {@code properties.desired}
     */
    record Update(@Nullable MergePatch tags, @Nullable MergePatch desired) {
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
        JsonObject tags = object(body, "tags", "tags");
        JsonObject desired = desiredOf(body, options);
        return new Update(tags == null ? null : MergePatch.of(tags), desired == null ? null : MergePatch.of(desired));
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
        return object(properties, "desired", "properties.desired");
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
