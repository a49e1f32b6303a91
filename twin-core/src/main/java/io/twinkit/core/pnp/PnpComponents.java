package io.twinkit.core.pnp;

import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * IoT Plug and Play components in twin properties: a named component is an object marked {@code "__t":"c"} that
 * holds the component's properties; properties of the default component sit at the root without a marker.
 *
 * <pre>{@code
 * // {"targetTemperature": 21.3,
 * //  "thermostat1": {"__t": "c", "targetTemperature": 19.5},
 * //  "thermostat2": {"__t": "c"}}
 * PnpComponents.componentNames(desired.properties());                   // [thermostat1, thermostat2]
 * PnpComponents.componentProperties(desired.properties(), "thermostat1"); // {"targetTemperature":19.5}
 * PnpComponents.withMarker(JsonObject.of("targetTemperature", JsonNumber.of(19.5)));
 *                                                     // {"__t":"c","targetTemperature":19.5}
 * }</pre>
 *
 * <p>Reading a named component ({@link #componentProperties}) accepts any object under that name, marked or not, so
 * a desired value a back end wrote without the marker is still found; listing components ({@link #componentNames})
 * needs the marker, because an unmarked object at the root may just as well be an object-typed property.
 */
public final class PnpComponents {

    /** The member that marks an object as a component. */
    public static final String MARKER_KEY = "__t";

    /** The value of {@link #MARKER_KEY} in a component. */
    public static final String MARKER_VALUE = "c";

    private static final JsonString MARKER = JsonString.of(MARKER_VALUE);

    private PnpComponents() {
    }

    /** Returns whether {@code value} is a component: an object whose {@code "__t"} member is {@code "c"}. */
    public static boolean isComponent(JsonValue value) {
        Objects.requireNonNull(value, "value");
        return value instanceof JsonObject object && MARKER.equals(object.valueOrNull(MARKER_KEY));
    }

    /** Returns the names of the top-level members of {@code properties} that are components, in member order. */
    public static List<String> componentNames(PropertySet properties) {
        Objects.requireNonNull(properties, "properties");
        JsonObject json = properties.toJson();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            if (isComponent(json.valueAt(i))) {
                names.add(json.keyAt(i));
            }
        }
        return List.copyOf(names);
    }

    /**
     * Returns the properties of {@code component} without the marker; empty when {@code properties} has no object
     * under that name.
     *
     * @throws IllegalArgumentException if {@code component} is empty, contains {@code '.'}, starts with {@code '$'}
     *     or is the marker {@code "__t"}
     */
    public static PropertySet componentProperties(PropertySet properties, String component) {
        Objects.requireNonNull(properties, "properties");
        requireKey(component, "component");
        JsonValue value = properties.toJson().valueOrNull(component);
        if (!(value instanceof JsonObject object)) {
            return PropertySet.empty();
        }
        return PropertySet.of(object.without(MARKER_KEY));
    }

    /** Returns {@code object} with the marker {@code "__t":"c"} as its first member, keeping every other member. */
    public static JsonObject withMarker(JsonObject object) {
        Objects.requireNonNull(object, "object");
        JsonObject.Builder builder = JsonObject.builder(object.size() + 1).put(MARKER_KEY, MARKER);
        for (int i = 0; i < object.size(); i++) {
            if (!object.keyAt(i).equals(MARKER_KEY)) {
                builder.put(object.keyAt(i), object.valueAt(i));
            }
        }
        return builder.build();
    }

    /**
     * Checks that {@code key} can name a component or a property: a non-empty twin key that has no {@code '.'}, does
     * not start with {@code '$'} and is not the marker {@code "__t"}.
     */
    static String requireKey(String key, String what) {
        Objects.requireNonNull(key, what);
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " name must not be empty");
        }
        if (key.indexOf('.') >= 0) {
            throw new IllegalArgumentException(what + " name '" + key
                    + "' must not contain '.': it is one twin key, not a path");
        }
        if (key.startsWith("$")) {
            throw new IllegalArgumentException(what + " name '" + key
                    + "' must not start with '$': such keys are reserved for the service");
        }
        if (key.equals(MARKER_KEY)) {
            throw new IllegalArgumentException(what + " name must not be the component marker '" + MARKER_KEY + "'");
        }
        return key;
    }
}
