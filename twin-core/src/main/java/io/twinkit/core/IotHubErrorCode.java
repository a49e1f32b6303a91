package io.twinkit.core;

import java.util.Optional;

/**
 * The numeric error codes IoT Hub returns in the {@code errorCode} member of an error body, as defined by the
 * service SDKs ({@code ErrorCodeDescription.java}, {@code ErrorCode.cs}). The HTTP status is the first three digits.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes">IoT Hub error codes</a>
 */
public enum IotHubErrorCode {
    /** 400003: the operation is not valid in the current state. */
    INVALID_OPERATION(400003),
    /** 400004: an argument (a key, a value, a size, a depth) breaks a rule of the service. */
    ARGUMENT_INVALID(400004),
    /** 400005: a required argument is missing. */
    ARGUMENT_NULL(400005),
    /** 400006: the body is not well-formed JSON or has the wrong shape. */
    IOT_HUB_FORMAT_ERROR(400006),
    /** 400027: a new connection of the same device closed this one. */
    CONNECTION_FORCEFULLY_CLOSED_ON_NEW_CONNECTION(400027),
    /** 401002: the credentials are missing, invalid or expired. */
    IOT_HUB_UNAUTHORIZED_ACCESS(401002),
    /** 403002: a hub quota is exhausted. */
    IOT_HUB_QUOTA_EXCEEDED(403002),
    /** 404001: the device does not exist. */
    DEVICE_NOT_FOUND(404001),
    /** 404010: the module does not exist. */
    MODULE_NOT_FOUND(404010),
    /** 409001: a device with that id already exists. */
    DEVICE_ALREADY_EXISTS(409001),
    /** 409301: a module with that id already exists on the device. */
    MODULE_ALREADY_EXISTS_ON_DEVICE(409301),
    /** 412001: an {@code If-Match} etag or a version precondition did not match. */
    PRECONDITION_FAILED(412001),
    /** 413001: the message is too large. */
    MESSAGE_TOO_LARGE(413001),
    /** 429001: the request was throttled. */
    THROTTLING_EXCEPTION(429001),
    /** 429002: the throttling backlog limit was exceeded. */
    THROTTLE_BACKLOG_LIMIT_EXCEEDED(429002),
    /** 500001: an internal error of the service. */
    SERVER_ERROR(500001),
    /** 503001: the service is unavailable. */
    SERVICE_UNAVAILABLE(503001);

    private final int code;

    IotHubErrorCode(int code) {
        this.code = code;
    }

    /** Returns the six-digit code, e.g. {@code 400004}. */
    public int code() {
        return code;
    }

    /** Returns the HTTP status that goes with the code, e.g. {@code 400}. */
    public int httpStatus() {
        return code / 1000;
    }

    /** Returns the constant for a six-digit code, if it is one of these. */
    public static Optional<IotHubErrorCode> fromCode(int code) {
        for (IotHubErrorCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
