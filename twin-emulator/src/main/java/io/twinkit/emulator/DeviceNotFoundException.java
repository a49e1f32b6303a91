package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when the device does not exist in the registry. Error code {@link IotHubErrorCode#DEVICE_NOT_FOUND}. */
public final class DeviceNotFoundException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public DeviceNotFoundException(String message) {
        super(IotHubErrorCode.DEVICE_NOT_FOUND, message);
    }
}
