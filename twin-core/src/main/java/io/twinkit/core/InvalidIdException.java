package io.twinkit.core;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown by {@link DeviceId#of}, {@link ModuleId#of} and {@link ETag#of} for a value that breaks IoT Hub's rules
 * for that identifier. Error code {@link IotHubErrorCode#ARGUMENT_INVALID} (400004).
 */
public final class InvalidIdException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message which value, which rule, and how to fix it
     */
    public InvalidIdException(String message) {
        super(IotHubErrorCode.ARGUMENT_INVALID, message);
    }
}
