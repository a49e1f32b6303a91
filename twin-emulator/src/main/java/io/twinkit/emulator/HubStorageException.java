package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * Thrown when the data directory cannot be read or written (full disk, no permission), or its store is damaged (a
 * record fails its integrity check, acknowledged commits are missing); a write it belongs to was refused and nothing
 * changed, a damaged store is not served. Error code {@link IotHubErrorCode#SERVER_ERROR}.
 */
public final class HubStorageException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public HubStorageException(String message) {
        super(IotHubErrorCode.SERVER_ERROR, message);
    }

    /**
     * Creates an exception with its cause.
     *
     * @param message what failed, naming the data directory
     * @param cause the underlying I/O or store failure
     */
    public HubStorageException(String message, Throwable cause) {
        super(IotHubErrorCode.SERVER_ERROR, message, cause);
    }
}
