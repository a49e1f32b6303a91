package io.twinkit.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Names a device twin ({@code deviceId}) or a module twin ({@code deviceId/moduleId}), and the identity it belongs to:
 * the one key the emulator, the back-end client and the device client use for a twin.
 *
 * @param deviceId the device
 * @param moduleId the module, or {@code null} for the device itself
 */
public record TwinKey(DeviceId deviceId, @Nullable ModuleId moduleId) implements Comparable<TwinKey> {

    /** Creates a key. */
    public TwinKey {
        Objects.requireNonNull(deviceId, "deviceId");
    }

    /** Returns the key of a device. */
    public static TwinKey device(DeviceId deviceId) {
        return new TwinKey(deviceId, null);
    }

    /** Returns the key of a device, validating the id. */
    public static TwinKey device(String deviceId) {
        return new TwinKey(DeviceId.of(deviceId), null);
    }

    /** Returns the key of a module. */
    public static TwinKey module(DeviceId deviceId, ModuleId moduleId) {
        return new TwinKey(deviceId, Objects.requireNonNull(moduleId, "moduleId"));
    }

    /** Returns the key of a module, validating the ids. */
    public static TwinKey module(String deviceId, String moduleId) {
        return new TwinKey(DeviceId.of(deviceId), ModuleId.of(moduleId));
    }

    /**
     * Parses {@code deviceId} or {@code deviceId/moduleId}; device ids cannot hold {@code /}.
     *
     * @throws InvalidIdException if an id is invalid
     */
    public static TwinKey parse(String text) {
        int slash = text.indexOf('/');
        return slash < 0 ? device(text) : module(text.substring(0, slash), text.substring(slash + 1));
    }

    /** Returns the module id, if this names a module. */
    public Optional<ModuleId> module() {
        return Optional.ofNullable(moduleId);
    }

    /** Returns whether this names a module. */
    public boolean isModule() {
        return moduleId != null;
    }

    /** Returns the key of the device this key belongs to (itself for a device). */
    public TwinKey deviceKey() {
        return moduleId == null ? this : new TwinKey(deviceId, null);
    }

    @Override
    public int compareTo(TwinKey other) {
        int byDevice = deviceId.compareTo(other.deviceId);
        if (byDevice != 0) {
            return byDevice;
        }
        if (moduleId == null || other.moduleId == null) {
            return moduleId == null ? (other.moduleId == null ? 0 : -1) : 1;
        }
        return moduleId.compareTo(other.moduleId);
    }

    /** Returns {@code deviceId} or {@code deviceId/moduleId}. */
    @Override
    public String toString() {
        return moduleId == null ? deviceId.value() : deviceId.value() + "/" + moduleId.value();
    }
}
