package io.twinkit.emulator.internal.mqtt;

import io.twinkit.core.error.TwinException;
import io.twinkit.core.TwinKey;
import org.jspecify.annotations.Nullable;

/** Checks the CONNECT password of a device or module: a SAS token that must grant that identity a connection. */
@FunctionalInterface
interface DeviceAuthenticator {

    /**
     * Returns normally if {@code password} lets {@code device} connect.
     *
     * @param device the device or module the client id, user name and token must all name
     * @param password the CONNECT password, or {@code null} when the client sent none
     * @throws io.twinkit.core.error.TwinException if the connection is refused: 401 for a missing, malformed, expired or
     *     foreign token or a disabled identity, 404 for an unknown one; any other status means the hub failed
     */
    void authenticate(TwinKey device, @Nullable String password);
}
