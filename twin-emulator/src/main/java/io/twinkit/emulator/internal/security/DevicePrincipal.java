package io.twinkit.emulator.internal.security;

import io.twinkit.core.TwinKey;
import java.util.Objects;

/**
 * A device or module, authenticated by a token signed with its own key or with a policy that grants
 * {@link io.twinkit.emulator.AccessRight#DEVICE_CONNECT}.
 *
 * @param key the device or module the token was accepted for
 */
public record DevicePrincipal(TwinKey key) {

    /** Creates a principal. */
    public DevicePrincipal {
        Objects.requireNonNull(key, "key");
    }
}
