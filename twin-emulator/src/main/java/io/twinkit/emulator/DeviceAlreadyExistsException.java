package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when creating a device whose id is taken. Error code {@link IotHubErrorCode#DEVICE_ALREADY_EXISTS}. */
public final class DeviceAlreadyExistsException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public DeviceAlreadyExistsException(String message) {
        super(IotHubErrorCode.DEVICE_ALREADY_EXISTS, message);
    }
}
