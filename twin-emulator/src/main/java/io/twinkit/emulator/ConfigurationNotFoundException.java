package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when the automatic device configuration does not exist. Error code
 * {@link IotHubErrorCode#CONFIGURATION_NOT_FOUND} (404301).
 */
public final class ConfigurationNotFoundException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the configuration
     */
    public ConfigurationNotFoundException(String message) {
        super(IotHubErrorCode.CONFIGURATION_NOT_FOUND, message);
    }
}
