package io.twinkit.emulator.internal.hub;

import io.twinkit.core.error.TwinException;
import io.twinkit.core.DeviceId;
import io.twinkit.core.InvalidIdException;
import io.twinkit.emulator.DeviceIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The IoT Edge scope rules of device identities, applied when a device is created or updated.
 *
 * <ul>
 *   <li>A device with {@code capabilities.iotEdge} true gets its own scope, {@code ms-azure-iot-edge://<deviceId>-
 *       <generationId>}, when it is created (or becomes an Edge device); a request's {@code deviceScope} is ignored
 *       then, and later updates may repeat the scope or leave it out but not change it (400004).</li>
 *   <li>An Edge device may name one parent, the scope of an existing Edge device, in {@code parentScopes}.</li>
 *   <li>Any other device may name an existing Edge device's scope as its {@code deviceScope}; its
 *       {@code parentScopes} then is that scope alone, as the service reports it (a requested one is ignored). A
 *       {@code parentScopes} without a {@code deviceScope} names the scope.</li>
 * </ul>
 *
 * <p>A scope that names no existing Edge device is refused with 400004. The official SDKs' end-to-end tests check
 * exactly this: the generated scope of an Edge device, a child Edge device's parent, a leaf's scope and parent, and a
 * refused change of a leaf's scope to an arbitrary text. Modules have no scopes.
 */
final class EdgeScopes {

    /** The scheme of an Edge device's scope. */
    static final String PREFIX = "ms-azure-iot-edge://";

    private EdgeScopes() {
    }

    /**
     * Returns {@code next} with its scopes as the registry keeps them.
     *
     * @param next the identity to store, with its generation id
     * @param old the identity it replaces, or {@code null} when it is created
     * @param devices looks up a live device (in the state the write sees)
     * @throws io.twinkit.core.error.TwinException (400004) if a scope names no Edge device, or an Edge device's scope is
     *     changed
     */
    static DeviceIdentity apply(DeviceIdentity next, @Nullable DeviceIdentity old,
                                Function<DeviceId, Optional<DeviceIdentity>> devices) {
        if (next.key().isModule()) {
            return next;
        }
        String requested = next.deviceScope().orElse(null);
        List<String> parents = next.parentScopes();
        if (isEdge(next)) {
            String own = old != null && isEdge(old) && old.deviceScope().isPresent()
                    ? old.deviceScope().get()
                    : PREFIX + next.deviceId().value() + "-" + next.generationId().orElseThrow();
            if (old != null && isEdge(old) && requested != null && !requested.equals(own)) {
                throw HubCore.argumentInvalid("the deviceScope of IoT Edge device '" + next.deviceId() + "' is '"
                        + own + "' and cannot be changed to '" + requested + "' (at 'deviceScope')");
            }
            if (parents.size() > 1) {
                throw HubCore.argumentInvalid("IoT Edge device '" + next.deviceId() + "' may have one parent, not "
                        + parents.size() + " (at 'parentScopes')");
            }
            for (String parent : parents) {
                if (parent.equals(own)) {
                    throw HubCore.argumentInvalid("IoT Edge device '" + next.deviceId() + "' cannot be its own"
                            + " parent (at 'parentScopes')");
                }
                requireEdgeScope(parent, "parentScopes", devices);
            }
            return next.toBuilder().deviceScope(own).build();
        }
        if (old != null && requested != null && requested.equals(old.deviceScope().orElse(null)) && isEdge(old)) {
            // an Edge device that stops being one drops its own scope
            requested = null;
        }
        if (requested == null && !parents.isEmpty()) {
            requested = parents.get(0);
        }
        if (requested == null) {
            return next.toBuilder().deviceScope(null).parentScopes(List.of()).build();
        }
        // the parentScopes of such a device follow its deviceScope: a client that read the device, changed the scope
        // and sent it back (the Java SDK's updateDevice) still sends the old parentScopes
        requireEdgeScope(requested, "deviceScope", devices);
        return next.toBuilder().deviceScope(requested).parentScopes(List.of(requested)).build();
    }

    private static boolean isEdge(DeviceIdentity identity) {
        return identity.capabilities().map(c -> c.iotEdge()).orElse(false);
    }

    private static void requireEdgeScope(String scope, String member,
                                         Function<DeviceId, Optional<DeviceIdentity>> devices) {
        Objects.requireNonNull(scope, member);
        int dash = scope.lastIndexOf('-');
        if (scope.startsWith(PREFIX) && dash > PREFIX.length()) {
            try {
                DeviceId owner = DeviceId.of(scope.substring(PREFIX.length(), dash));
                Optional<DeviceIdentity> device = devices.apply(owner);
                if (device.isPresent() && isEdge(device.get())
                        && scope.equals(device.get().deviceScope().orElse(null))) {
                    return;
                }
            } catch (InvalidIdException e) {
                // not a device id: no Edge device has this scope
            }
        }
        throw HubCore.argumentInvalid("'" + scope + "' is not the scope of an IoT Edge device of this hub (" + PREFIX
                + "<deviceId>-<generationId>, as its deviceScope reads) (at '" + member + "')");
    }
}
