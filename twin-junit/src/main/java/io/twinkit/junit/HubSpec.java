package io.twinkit.junit;

import io.twinkit.core.TwinKey;
import io.twinkit.core.error.TwinException;
import io.twinkit.device.Transport;
import io.twinkit.emulator.HubOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * An {@link EmulatorHub} annotation read and checked: what the emulator is started with. Two classes whose annotations
 * give equal specs share an emulator of {@link EmulatorHub.Scope#RUN}. Immutable.
 *
 * @param hubName the hub name, valid
 * @param devices the devices and modules as declared, without repeats, in the order declared
 * @param keys the same parsed, in the same order
 * @param scope how long the emulator lives
 * @param transport how the injected device connections connect
 */
record HubSpec(String hubName, List<String> devices, List<TwinKey> keys, EmulatorHub.Scope scope,
               Transport transport) {

    /** The spec of a class that registers the extension without the annotation: the annotation's defaults. */
    private static final HubSpec DEFAULTS = new HubSpec("twinkit", List.of(), List.of(), EmulatorHub.Scope.CLASS,
            Transport.MQTT);

    HubSpec {
        devices = List.copyOf(devices);
        keys = List.copyOf(keys);
    }

    /**
     * Reads and checks an annotation.
     *
     * @param annotation the annotation, or {@code null} for the defaults
     * @param testClass the class it is on, named in errors
     * @return the spec
     * @throws ExtensionConfigurationException if the hub name or a device is invalid
     */
    static HubSpec of(@Nullable EmulatorHub annotation, Class<?> testClass) {
        if (annotation == null) {
            return DEFAULTS;
        }
        String where = "@EmulatorHub on " + testClass.getName();
        try {
            HubOptions.builder().hubName(annotation.hubName());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(where + ": hubName '" + annotation.hubName()
                    + "' is invalid: " + e.getMessage(), e);
        }
        Set<String> devices = new LinkedHashSet<>();
        List<TwinKey> keys = new ArrayList<>();
        for (String device : annotation.devices()) {
            TwinKey key;
            try {
                key = TwinKey.parse(device);
            } catch (TwinException | IllegalArgumentException e) {
                throw new ExtensionConfigurationException(where + ": devices entry '" + device
                        + "' is not a device id or deviceId/moduleId: " + e.getMessage(), e);
            }
            if (devices.add(device)) {
                keys.add(key);
            }
        }
        return new HubSpec(annotation.hubName(), new ArrayList<>(devices), keys, annotation.scope(),
                annotation.transport());
    }

    /** Returns what identifies a shared emulator of {@link EmulatorHub.Scope#RUN}: everything but the scope. */
    Object runKey() {
        return List.of(HubSpec.class, hubName, devices, transport);
    }
}
