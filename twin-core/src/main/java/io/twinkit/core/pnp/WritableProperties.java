package io.twinkit.core.pnp;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads and answers IoT Plug and Play writable properties: the {@link WritablePropertyStatus} of a property, the
 * reported patch that acknowledges it, and the properties still waiting for an ack.
 *
 * <p>A {@code null} component is the default component, whose properties sit at the root of the sections; the
 * properties of a named component sit in an object of that name, marked {@code "__t":"c"}:
 *
 * <pre>{@code
 * // desired:  {"thermostat1": {"__t": "c", "targetTemperature": 21.3}, "$version": 3}
 * WritablePropertyStatus status = WritableProperties.status(desired, reported, "thermostat1", "targetTemperature");
 * status.state();                                           // PENDING: no ack yet
 *
 * MergePatch patch = WritableProperties.ackPatch("thermostat1", "targetTemperature",
 *         WritablePropertyAck.accepted(status.desiredValue().orElseThrow(), 3));
 * // {"thermostat1": {"__t": "c", "targetTemperature": {"value": 21.3, "ac": 200, "av": 3, "ad": null}}}
 *
 * // On start-up: GET the twin, then answer every property that changed while the device was offline.
 * for (String property : WritableProperties.pendingProperties(desired, reported, null)) { ... }
 * for (String component : PnpComponents.componentNames(desired.properties())) {
 *     for (String property : WritableProperties.pendingProperties(desired, reported, component)) { ... }
 * }
 * }</pre>
 *
 * <p>The desired version a property's ack must reach is the property's {@code $metadata.$lastUpdatedVersion}
 * (at path {@code component.property}) when the desired section has metadata, as in a service GET; otherwise, as in
 * the device-side GET, it is the section {@code $version}, which also moves when other properties change, so
 * without metadata an unrelated desired change makes every acknowledged property {@link WritablePropertyState#PENDING}
 * again.
 *
 * <p>Property and component names must be non-empty twin keys without {@code '.'}, not starting with {@code '$'},
 * and not the marker {@code "__t"}; other names raise {@link IllegalArgumentException}.
 */
public final class WritableProperties {

    private WritableProperties() {
    }

    /**
     * Returns the state of one writable property.
     *
     * @param desired the desired section, with {@code $metadata} and {@code $version} when available
     * @param reported the reported section
     * @param component the component, or {@code null} for the default component
     * @param property the property name
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid name
     */
    public static WritablePropertyStatus status(PropertySection desired, PropertySection reported,
                                                @Nullable String component, String property) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(reported, "reported");
        requireNames(component, property);
        return statusOf(desired, reported, component, property);
    }

    private static WritablePropertyStatus statusOf(PropertySection desired, PropertySection reported,
                                                   @Nullable String component, String property) {
        JsonValue reportedValue = lookup(reported.properties(), component, property);
        WritablePropertyAck ack = reportedValue == null
                ? null
                : WritablePropertyAck.tryParse(reportedValue).orElse(null);
        JsonValue desiredValue = lookup(desired.properties(), component, property);
        if (desiredValue == null) {
            return WritablePropertyStatus.of(null, OptionalLong.empty(), ack);
        }
        TwinPath path = component == null ? TwinPath.of(property) : TwinPath.of(component, property);
        OptionalLong version = desired.lastUpdatedVersion(path);
        if (version.isEmpty()) {
            version = desired.version();
        }
        return WritablePropertyStatus.of(desiredValue, version, ack);
    }

    private static @Nullable JsonValue lookup(PropertySet properties, @Nullable String component, String property) {
        JsonObject scope = properties.toJson();
        if (component != null) {
            if (!(scope.valueOrNull(component) instanceof JsonObject componentObject)) {
                return null;
            }
            scope = componentObject;
        }
        return scope.valueOrNull(property);
    }

    /**
     * Returns the reported patch that acknowledges one property: {@code {"property":{ack}}}, or
     * {@code {"component":{"__t":"c","property":{ack}}}} for a named component.
     *
     * <p>An ack without description carries {@code "ad":null}, so that applying the patch removes the description
     * of an earlier ack instead of leaving it next to the new code. An object {@code value} is merged into the
     * previously reported value, as every reported patch is: members missing from the new value stay.
     *
     * @throws IllegalArgumentException if {@code component} or {@code property} is not a valid name
     */
    public static MergePatch ackPatch(@Nullable String component, String property, WritablePropertyAck ack) {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(ack, "ack");
        return ackPatch(component, Map.of(property, ack));
    }

    /**
     * Returns one reported patch that acknowledges several properties of one component, in the map's iteration
     * order; each entry is written as {@link #ackPatch(String, String, WritablePropertyAck)} writes it. An empty map
     * gives the empty patch.
     *
     * @throws IllegalArgumentException if {@code component} or a property name is not a valid name
     */
    public static MergePatch ackPatch(@Nullable String component, Map<String, WritablePropertyAck> acks) {
        Objects.requireNonNull(acks, "acks");
        if (component != null) {
            PnpComponents.requireKey(component, "component");
        }
        if (acks.isEmpty()) {
            return MergePatch.empty();
        }
        JsonObject.Builder members = JsonObject.builder(acks.size() + 1);
        if (component != null) {
            members.put(PnpComponents.MARKER_KEY, PnpComponents.MARKER_VALUE);
        }
        for (Map.Entry<String, WritablePropertyAck> entry : acks.entrySet()) {
            String property = PnpComponents.requireKey(entry.getKey(), "property");
            WritablePropertyAck ack = Objects.requireNonNull(entry.getValue(), () -> "ack of '" + property + "'");
            members.put(property, patchForm(ack));
        }
        JsonObject body = members.build();
        return MergePatch.of(component == null ? body : JsonObject.of(component, body));
    }

    private static JsonObject patchForm(WritablePropertyAck ack) {
        JsonObject json = ack.toJson();
        return ack.description().isPresent() ? json : json.with(WritablePropertyAck.DESCRIPTION, JsonNull.INSTANCE);
    }

    /**
     * Returns the names of the properties of {@code component} whose state is {@link WritablePropertyState#PENDING},
     * in desired member order: the ones a device has to answer after it GETs the twin at start-up. Every desired
     * property counts as writable, since a back end writes desired values only for writable properties. In the
     * default component, keys starting with {@code '$'} and members that are components (marked {@code "__t":"c"})
     * are skipped.
     *
     * @param desired the desired section, with {@code $metadata} and {@code $version} when available
     * @param reported the reported section
     * @param component the component, or {@code null} for the default component
     * @throws IllegalArgumentException if {@code component} is not a valid name
     */
    public static List<String> pendingProperties(PropertySection desired, PropertySection reported,
                                                 @Nullable String component) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(reported, "reported");
        if (component != null) {
            PnpComponents.requireKey(component, "component");
        }
        JsonObject scope = component == null
                ? desired.properties().toJson()
                : PnpComponents.componentProperties(desired.properties(), component).toJson();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < scope.size(); i++) {
            String property = scope.keyAt(i);
            if (property.isEmpty() || property.startsWith("$") || property.equals(PnpComponents.MARKER_KEY)
                    || component == null && PnpComponents.isComponent(scope.valueAt(i))) {
                continue;
            }
            if (statusOf(desired, reported, component, property).state() == WritablePropertyState.PENDING) {
                pending.add(property);
            }
        }
        return List.copyOf(pending);
    }

    private static void requireNames(@Nullable String component, String property) {
        if (component != null) {
            PnpComponents.requireKey(component, "component");
        }
        PnpComponents.requireKey(property, "property");
    }
}
