package io.twinkit.device;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import java.util.Objects;

/**
 * A change of the desired properties as a listener sees it.
 *
 * @param version the desired {@code $version} after the change
 * @param patch the change: the service's patch, or after a resync the difference between the last delivered
 *     desired properties and the fetched ones
 * @param desired the full desired properties after the change, with {@code $version}
 * @param resync whether the change comes from fetching the whole twin (on open, after a reconnect or a missed
 *     patch) rather than from a single notification
 */
public record DesiredUpdate(long version, MergePatch patch, PropertySection desired, boolean resync) {

    /**
     * Creates an update.
     *
     * @throws NullPointerException if {@code patch} or {@code desired} is null
     */
    public DesiredUpdate {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(desired, "desired");
    }

    /** Returns the full desired properties after the change, without {@code $version}. */
    public PropertySet properties() {
        return desired.properties();
    }
}
