package io.twinkit.device;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.pnp.PnpComponents;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /** Returns the names of the desired members that are Plug and Play components (marked {@code "__t":"c"}). */
    public List<String> components() {
        return PnpComponents.componentNames(desired.properties());
    }

    /**
     * Returns the desired properties of a component without the marker; empty when there is no such component.
     *
     * @throws IllegalArgumentException if {@code component} is not a valid component name
     */
    public PropertySet componentProperties(String component) {
        return PnpComponents.componentProperties(desired.properties(), component);
    }

    /**
     * Returns one desired property of a component, or of the root for the default component.
     *
     * @param component the component, or {@code null} for the default component
     * @param property the property name (one twin key, not a path)
     * @throws IllegalArgumentException if {@code component} is not a valid component name
     */
    public Optional<JsonValue> property(@Nullable String component, String property) {
        Objects.requireNonNull(property, "property");
        PropertySet scope = component == null ? desired.properties() : componentProperties(component);
        return Optional.ofNullable(scope.toJson().valueOrNull(property));
    }

    /**
     * Returns whether this change touched a property of a component, or of the root for the default component.
     *
     * @param component the component, or {@code null} for the default component
     * @param property the property name (one twin key, not a path)
     */
    public boolean changed(@Nullable String component, String property) {
        Objects.requireNonNull(property, "property");
        JsonValue scope = component == null ? patch.toJson() : patch.toJson().valueOrNull(component);
        return scope instanceof JsonObject object && object.valueOrNull(property) != null;
    }
}
