package io.twinkit.device;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;

/**
 * A twin request of a {@link DeviceConnection} failed: the service answered with an error status (412
 * {@link IotHubErrorCode#PRECONDITION_FAILED} for a stale expected reported {@code $version}), or no answer came in
 * time ({@link IotHubErrorCode#SERVICE_UNAVAILABLE}).
 */
public class DeviceTwinException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates an exception.
     *
     * @param errorCode the IoT Hub error code matching {@code status}
     * @param status the status the service (or the transport) answered with
     * @param message what went wrong
     */
    public DeviceTwinException(IotHubErrorCode errorCode, int status, String message) {
        super(errorCode, message);
        this.status = status;
    }

    /**
     * Creates an exception with a cause.
     *
     * @param errorCode the IoT Hub error code matching {@code status}
     * @param status the status the service (or the transport) answered with
     * @param message what went wrong
     * @param cause the underlying problem
     */
    public DeviceTwinException(IotHubErrorCode errorCode, int status, String message, Throwable cause) {
        super(errorCode, message, cause);
        this.status = status;
    }

    /** Returns the status of the response, e.g. {@code 412}; the error code's status when there was none. */
    @Override
    public int httpStatus() {
        return status;
    }

    static DeviceTwinException fromStatus(int status, String message) {
        IotHubErrorCode code = codeOf(status);
        return new DeviceTwinException(code, status, message + " (status " + status + ", IoT Hub error " + code.code()
                + " " + code + ")");
    }

    /** Returns the IoT Hub error code closest to a status the hub or the device SDK answered with. */
    static IotHubErrorCode codeOf(int status) {
        return switch (status) {
            case 400 -> IotHubErrorCode.ARGUMENT_INVALID;
            case 401 -> IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS;
            case 403 -> IotHubErrorCode.IOT_HUB_QUOTA_EXCEEDED;
            case 404 -> IotHubErrorCode.DEVICE_NOT_FOUND;
            case 412 -> IotHubErrorCode.PRECONDITION_FAILED;
            case 413 -> IotHubErrorCode.MESSAGE_TOO_LARGE;
            case 429 -> IotHubErrorCode.THROTTLING_EXCEPTION;
            case 503 -> IotHubErrorCode.SERVICE_UNAVAILABLE;
            default -> IotHubErrorCode.SERVER_ERROR;
        };
    }
}
