package io.twinkit.service;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * A wait for a twin state ran out of time. No IoT Hub error stands behind it; it carries
 * {@link IotHubErrorCode#SERVICE_UNAVAILABLE} (503) as the nearest code so that error handling keyed on codes treats
 * it as "try again later".
 */
public final class TwinTimeoutException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what was awaited and the last state seen
     */
    public TwinTimeoutException(String message) {
        super(IotHubErrorCode.SERVICE_UNAVAILABLE, message);
    }
}
