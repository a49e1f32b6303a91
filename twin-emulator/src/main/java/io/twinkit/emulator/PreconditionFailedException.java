package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/** Thrown when an {@code If-Match} etag or a reported {@code $version} precondition does not match; nothing was written. Error code {@link IotHubErrorCode#PRECONDITION_FAILED}. */
public final class PreconditionFailedException extends TwinException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public PreconditionFailedException(String message) {
        super(IotHubErrorCode.PRECONDITION_FAILED, message);
    }
}
