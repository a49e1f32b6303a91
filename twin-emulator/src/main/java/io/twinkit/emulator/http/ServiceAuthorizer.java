package io.twinkit.emulator.http;

import io.twinkit.emulator.AccessRight;
import org.jspecify.annotations.Nullable;

/** Decides whether a request's {@code Authorization} header grants a right; throws the service's error if not. */
@FunctionalInterface
interface ServiceAuthorizer {

    /**
     * Returns normally if {@code authorization} is a valid token granting {@code required}.
     *
     * @throws io.twinkit.core.TwinException with the service's status and code (401, 403) otherwise
     */
    void authorize(@Nullable String authorization, AccessRight required);
}
