package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when a request exceeds the configured tier's rate; nothing was done. Retry later. Error code {@link IotHubErrorCode#THROTTLING_EXCEPTION}. */
public final class ThrottledException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public ThrottledException(String message) {
        super(IotHubErrorCode.THROTTLING_EXCEPTION, message);
    }
}
