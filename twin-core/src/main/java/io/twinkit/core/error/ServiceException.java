package io.twinkit.core.error;

import org.jspecify.annotations.Nullable;


/**
 * An error IoT Hub answered a back-end call with, or the failure to reach it. It carries the six-digit IoT Hub error
 * code as sent ({@link #rawErrorCode()}, e.g. {@code 404001}), the closest {@link IotHubErrorCode} and the HTTP status.
 * A hub that could not be reached at all is reported as status 503 with {@link IotHubErrorCode#SERVICE_UNAVAILABLE}.
 */
public class ServiceException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final int rawErrorCode;
    private final int httpStatus;

    /**
     * Creates an exception.
     *
     * @param errorCode the closest known IoT Hub error code
     * @param rawErrorCode the six-digit code the hub sent, or {@code errorCode}'s code when it sent none
     * @param httpStatus the HTTP status of the answer
     * @param message what went wrong
     * @param cause the SDK's exception, or {@code null} when there is none
     */
    public ServiceException(IotHubErrorCode errorCode, int rawErrorCode, int httpStatus, String message,
            @Nullable Throwable cause) {
        super(errorCode, message, cause);
        this.rawErrorCode = rawErrorCode;
        this.httpStatus = httpStatus;
    }

    /** Returns the six-digit error code the hub sent, e.g. {@code 412001}. */
    public int rawErrorCode() {
        return rawErrorCode;
    }

    /** Returns the HTTP status the hub answered with, e.g. {@code 412}. */
    @Override
    public int httpStatus() {
        return httpStatus;
    }
}
