package io.twinkit.emulator.internal.security;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import java.util.Objects;

/**
 * Thrown when a SAS token is malformed, forged, out of scope or expired. Error code
 * {@link IotHubErrorCode#IOT_HUB_UNAUTHORIZED_ACCESS} (HTTP 401), as the service answers; {@link #reason()} tells
 * which check failed.
 */
public final class SasTokenException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final SasFailure reason;

    /**
     * Creates an exception.
     *
     * @param reason which check failed
     * @param message what was wrong with the token; never the key or the signature
     */
    public SasTokenException(SasFailure reason, String message) {
        super(IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS, message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns which check failed. */
    public SasFailure reason() {
        return reason;
    }
}
