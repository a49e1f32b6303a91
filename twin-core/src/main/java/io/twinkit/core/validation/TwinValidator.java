package io.twinkit.core.validation;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.json.JsonObject;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks twin sections and merge patches against IoT Hub's rules for tags and properties, and measures sections
 * with the documented size algorithm.
 *
 * <p>The rules, for every member at any depth (objects inside arrays included):
 * <ul>
 *   <li><b>keys</b> are non-empty, at most {@link TwinLimits#maxKeyBytes()} UTF-8 bytes, and hold no control
 *       character (U+0000–U+001F, U+007F–U+009F), no Unicode whitespace (the White_Space set, which includes
 *       U+00A0 and U+3000, unlike {@link Character#isWhitespace}), and none of {@code .}, {@code $} and
 *       {@code #};</li>
 *   <li><b>strings</b> are at most {@link TwinLimits#maxStringBytes()} UTF-8 bytes; <b>integers</b> (numbers
 *       written without fraction or exponent) lie within [{@link TwinLimits#minInteger()},
 *       {@link TwinLimits#maxInteger()}]; doubles are never range-checked;</li>
 *   <li><b>arrays</b> hold no {@code null} at any depth, not even as a member of an object inside them;</li>
 *   <li><b>depth</b>: the section root is level 0 and an object member of a level-<i>n</i> object is at level
 *       <i>n</i>+1; arrays are transparent. No object may sit deeper than {@link TwinLimits#maxDepth()}; the error
 *       names the outermost object above the limit;</li>
 *   <li><b>size</b>: Σ over members of chars(key) + size(value), where chars counts code points other than control
 *       characters, a number counts 8, a boolean 4, an array the sum of its elements; at most
 *       {@link TwinLimits#maxSize} for the section, inclusive.</li>
 * </ul>
 *
 * <p>A stored section ({@link #validateDocument}) holds no {@code null} at all, and its root members
 * {@code $metadata} and {@code $version} are read-only and skipped entirely; any other {@code $} key is invalid. In a
 * patch ({@link #validatePatch}) a {@code null} member outside arrays is a deletion and valid, but every {@code $}
 * key is invalid, the root's {@code $version} and {@code $metadata} included. The size of a patch is not checked;
 * the size of the section after applying it is ({@link #apply}).
 *
 * <p>Each check is a single depth-first pass in member order that stops at the first violation in document order
 * (for one member: its key, then its value), so the error names exactly one location. A pass that finds nothing
 * allocates nothing per node.
 *
 * <pre>{@code
 * TwinValidator validator = TwinValidator.standard();
 * PropertySet desired = validator.apply(TwinSection.DESIRED, current, patch);  // throws, changing nothing, if invalid
 * long used = validator.size(desired.toJson());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins#tags-and-properties-format">Tags and properties format</a>
 * @see TwinLimits
 */
public final class TwinValidator {

    private static final TwinValidator STANDARD = new TwinValidator(TwinLimits.service());

    private final TwinLimits limits;

    private TwinValidator(TwinLimits limits) {
        this.limits = limits;
    }

    /** Returns the validator for the limits the service applies today, {@link TwinLimits#service()}. */
    public static TwinValidator standard() {
        return STANDARD;
    }

    /** Returns a validator for {@code limits}, e.g. those of an older service version. */
    public static TwinValidator of(TwinLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return limits.equals(STANDARD.limits) ? STANDARD : new TwinValidator(limits);
    }

    /** Returns the limits this validator applies. */
    public TwinLimits limits() {
        return limits;
    }

    /**
     * Checks a section as the service stores or returns it: the key, value, array and depth rules, no {@code null}
     * anywhere, and the size limit. Root members {@code $metadata} and {@code $version} are skipped.
     *
     * @throws TwinValidationException at the first violation in document order, or for the size (the root path)
     */
    public void validateDocument(TwinSection section, JsonObject document) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(document, "document");
        long size = new SectionWalker(limits, section, SectionWalker.Mode.DOCUMENT).walkSection(document);
        requireSize(section, size, "");
    }

    /**
     * Checks the content of a section; the same as {@link #validateDocument(TwinSection, JsonObject)} on
     * {@link PropertySet#toJson()}.
     *
     * @throws TwinValidationException at the first violation in document order, or for the size (the root path)
     */
    public void validateDocument(TwinSection section, PropertySet properties) {
        Objects.requireNonNull(properties, "properties");
        validateDocument(section, properties.toJson());
    }

    /**
     * Checks a merge patch: the key, value, array and depth rules, with {@code null} members outside arrays allowed
     * as deletions and every {@code $} key rejected. The size limit applies to the result, not to the patch; see
     * {@link #apply}.
     *
     * @throws TwinValidationException at the first violation in document order
     */
    public void validatePatch(TwinSection section, MergePatch patch) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(patch, "patch");
        new SectionWalker(limits, section, SectionWalker.Mode.PATCH).walkSection(patch.toJson());
    }

    /**
     * Applies a patch to a section the way the service does: checks the patch ({@link #validatePatch}), applies it
     * ({@link MergePatch#applyTo(PropertySet)}) and checks the size of the result. Every check happens before
     * anything is returned, so a rejected patch has no effect. {@code target} is taken as valid, as the service's
     * stored state is; only its size is measured again, as part of the result.
     *
     * @return the section after the patch
     * @throws TwinValidationException if the patch breaks a rule, or the result is over the section's size limit
     *     (the root path)
     */
    public PropertySet apply(TwinSection section, PropertySet target, MergePatch patch) {
        Objects.requireNonNull(target, "target");
        validatePatch(section, patch);
        PropertySet result = patch.applyTo(target);
        requireSize(section, size(result.toJson()), " after the patch");
        return result;
    }

    /**
     * Returns the size of a section under the documented algorithm: Σ over members of chars(key) + size(value), with
     * chars the number of code points other than control characters, 8 for a number, 4 for a boolean, the sum of the
     * elements for an array and 0 for an empty object or array. Root members {@code $metadata} and {@code $version}
     * are not counted. No rule is checked.
     *
     * @throws IllegalArgumentException if the document holds a {@code null}, which a stored section cannot
     */
    public long size(JsonObject document) {
        Objects.requireNonNull(document, "document");
        return new SectionWalker(limits, null, SectionWalker.Mode.SIZE).walkSection(document);
    }

    private void requireSize(TwinSection section, long size, String when) {
        long max = limits.maxSize(section);
        if (size > max) {
            throw new TwinValidationException(section, ValidationRule.SECTION_TOO_LARGE, TwinPath.root(),
                    "the size of " + section.jsonPath() + when + " is " + size + ", more than the limit of " + max);
        }
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof TwinValidator other && limits.equals(other.limits);
    }

    @Override
    public int hashCode() {
        return limits.hashCode();
    }

    /** Returns the limits, for logs. */
    @Override
    public String toString() {
        return "TwinValidator{" + limits + "}";
    }
}
