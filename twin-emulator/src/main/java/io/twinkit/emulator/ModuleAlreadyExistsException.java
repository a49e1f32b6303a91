package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when creating a module whose id is taken on its device. Error code {@link IotHubErrorCode#MODULE_ALREADY_EXISTS_ON_DEVICE}. */
public final class ModuleAlreadyExistsException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public ModuleAlreadyExistsException(String message) {
        super(IotHubErrorCode.MODULE_ALREADY_EXISTS_ON_DEVICE, message);
    }
}
