package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when a valid token's shared access policy lacks the right an operation needs, for example a
 * {@code registryRead} token used to update a twin. The service answers such requests with HTTP 403 and error code
 * {@link IotHubErrorCode#IOT_HUB_UNAUTHORIZED_ACCESS}, so {@link #httpStatus()} is 403 although the code's own
 * status is 401.
 */
public final class AccessDeniedException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message which policy lacks which right for what
     */
    public AccessDeniedException(String message) {
        super(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, message);
    }

    /** Returns 403: the caller is known but not allowed. */
    @Override
    public int httpStatus() {
        return 403;
    }
}
