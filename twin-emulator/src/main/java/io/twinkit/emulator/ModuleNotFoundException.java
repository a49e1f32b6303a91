package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when the module does not exist on its device. Error code {@link IotHubErrorCode#MODULE_NOT_FOUND}. */
public final class ModuleNotFoundException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public ModuleNotFoundException(String message) {
        super(IotHubErrorCode.MODULE_NOT_FOUND, message);
    }
}
