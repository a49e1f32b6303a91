package io.twinkit.core.error;

import org.jspecify.annotations.Nullable;

/**
 * IoT Hub's 412 answer ({@link IotHubErrorCode#PRECONDITION_FAILED}, {@code 412001}): the {@code If-Match} etag of a
 * conditional write, or a reported {@code $version} precondition, no longer matches the twin; nothing was written.
 * The emulator throws it from its Java API, and the back-end client throws it when a hub answers 412, so code under
 * test and code in production handle a lost race the same way: read the twin again and retry.
 */
public final class PreconditionFailedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device, module or value involved
     */
    public PreconditionFailedException(String message) {
        this(message, null);
    }

    /**
     * Creates an exception with the failure that reported it, e.g. the SDK's exception for the hub's 412 answer.
     *
     * @param message what happened, naming the device, module or value involved
     * @param cause the underlying failure, or {@code null}
     */
    public PreconditionFailedException(String message, @Nullable Throwable cause) {
        super(IotHubErrorCode.PRECONDITION_FAILED, IotHubErrorCode.PRECONDITION_FAILED.code(),
                IotHubErrorCode.PRECONDITION_FAILED.httpStatus(), message, cause);
    }
}
