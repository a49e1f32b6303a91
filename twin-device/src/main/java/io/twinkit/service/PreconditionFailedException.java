package io.twinkit.service;

import io.twinkit.core.error.IotHubErrorCode;

/** The hub's 412 answer: the {@code If-Match} etag of a conditional write no longer matches the twin. */
public final class PreconditionFailedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param rawErrorCode the six-digit code the hub sent, normally {@code 412001}
     * @param message what went wrong
     * @param cause the SDK's exception
     */
    public PreconditionFailedException(int rawErrorCode, String message, Throwable cause) {
        super(IotHubErrorCode.PRECONDITION_FAILED, rawErrorCode, 412, message, cause);
    }
}
