package io.twinkit.emulator.internal.http;

import io.twinkit.core.error.TwinException;
import io.twinkit.emulator.AccessRight;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.security.HubAuthenticator;
import org.jspecify.annotations.Nullable;

/** Decides whether a request's {@code Authorization} header grants a right; throws the service's error if not. */
@FunctionalInterface
interface ServiceAuthorizer {

    /**
     * Returns normally if {@code authorization} is a valid token granting {@code required} for {@code target}.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param required the right the operation needs, or {@code null} when any valid hub-level token will do (a
     *     path the service API does not serve: 404 is only for an authenticated caller)
     * @param target the twin or identity the request is about, or {@code null} for a hub-wide request (a query) or
     *     a path whose ids are not valid ids (only a hub-level token may then pass, and the id error follows)
     * @throws io.twinkit.core.error.TwinException with the service's status and code (401, 403) otherwise
     */
    void authorize(@Nullable String authorization, @Nullable AccessRight required, @Nullable TwinKey target);

    /** Returns the authorizer of the hub's shared access policies: device-scoped service tokens are honoured. */
    static ServiceAuthorizer of(HubAuthenticator authenticator) {
        return (authorization, required, target) -> {
            if (required == null) {
                authenticator.authenticateService(authorization);
            } else if (target == null) {
                authenticator.authenticateService(authorization, required);
            } else {
                authenticator.authenticateService(authorization, required, target);
            }
        };
    }
}
