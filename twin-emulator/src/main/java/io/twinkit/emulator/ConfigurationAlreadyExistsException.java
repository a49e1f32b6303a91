package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when a configuration is created with the id of one that exists. Error code
 * {@link IotHubErrorCode#CONFIGURATION_ALREADY_EXISTS} (409401).
 */
public final class ConfigurationAlreadyExistsException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the configuration
     */
    public ConfigurationAlreadyExistsException(String message) {
        super(IotHubErrorCode.CONFIGURATION_ALREADY_EXISTS, message);
    }
}
