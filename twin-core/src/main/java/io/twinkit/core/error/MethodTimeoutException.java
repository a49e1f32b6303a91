package io.twinkit.core.error;

import org.jspecify.annotations.Nullable;

/**
 * IoT Hub's answer to a direct method call the device did not answer within the call's response timeout
 * ({@link IotHubErrorCode#GATEWAY_TIMEOUT}, {@code 504101}). The device got the call, so the method may have run, or
 * still be running; an answer it sends later is dropped by the hub.
 */
public final class MethodTimeoutException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what happened, naming the device or module and the method
     * @param cause the underlying failure, e.g. the SDK's exception, or {@code null}
     */
    public MethodTimeoutException(String message, @Nullable Throwable cause) {
        super(IotHubErrorCode.GATEWAY_TIMEOUT, IotHubErrorCode.GATEWAY_TIMEOUT.code(),
                IotHubErrorCode.GATEWAY_TIMEOUT.httpStatus(), message, cause);
    }
}
