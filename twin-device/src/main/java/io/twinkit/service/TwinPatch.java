package io.twinkit.service;

import io.twinkit.core.MergePatch;
import io.twinkit.core.jackson.TwinJson;
import java.util.Objects;

/**
 * A back-end change to a twin: a merge patch of the tags and one of the desired properties (reported properties
 * belong to the device). Immutable.
 *
 * @param tags the merge patch of {@code tags}
 * @param desired the merge patch of {@code properties.desired}
 */
public record TwinPatch(MergePatch tags, MergePatch desired) {

    /**
     * Creates a patch.
     *
     * @throws NullPointerException if a part is null
     */
    public TwinPatch {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(desired, "desired");
    }

    /** Returns the patch that changes nothing. */
    public static TwinPatch empty() {
        return new TwinPatch(MergePatch.empty(), MergePatch.empty());
    }

    /**
     * Returns a patch of the tags only.
     *
     * @param tags the merge patch of {@code tags}
     * @return the patch
     */
    public static TwinPatch ofTags(MergePatch tags) {
        return new TwinPatch(tags, MergePatch.empty());
    }

    /**
     * Returns a patch of the desired properties only.
     *
     * @param desired the merge patch of {@code properties.desired}
     * @return the patch
     */
    public static TwinPatch ofDesired(MergePatch desired) {
        return new TwinPatch(MergePatch.empty(), desired);
    }

    /**
     * Returns the minimal patch of the tags that turns {@code before} into {@code after}: both are your own records,
     * POJOs or maps, converted with {@link TwinJson#toPropertySet}; keys only {@code before} has are deleted. Equal
     * values give an empty patch, so the client sends nothing.
     *
     * @throws io.twinkit.core.TwinMappingException if a value does not map to a JSON object
     */
    public static TwinPatch tagsChange(Object before, Object after) {
        TwinJson json = TwinJson.standard();
        return ofTags(MergePatch.compute(json.toPropertySet(before), json.toPropertySet(after)));
    }

    /**
     * Returns the minimal patch of the desired properties that turns {@code before} into {@code after}, as
     * {@link #tagsChange} does for tags.
     *
     * @throws io.twinkit.core.TwinMappingException if a value does not map to a JSON object
     */
    public static TwinPatch desiredChange(Object before, Object after) {
        TwinJson json = TwinJson.standard();
        return ofDesired(MergePatch.compute(json.toPropertySet(before), json.toPropertySet(after)));
    }

    /** Returns whether the patch changes nothing, in which case the client sends nothing. */
    public boolean isEmpty() {
        return tags.isEmpty() && desired.isEmpty();
    }
}
