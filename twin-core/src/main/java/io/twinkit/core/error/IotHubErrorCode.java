package io.twinkit.core.error;

import java.util.Optional;

/**
 * The error codes IoT Hub returns, as defined by the service SDKs ({@code ErrorCodeDescription.java},
 * {@code IotHubStatusCode.cs}) and the service's error code reference (the job codes): the six-digit
 * {@link #code()} (its first three digits are the HTTP status) and the {@link #errorName()} that twin and registry
 * errors carry in the body
 * ({@code "Message":"ErrorCode:DeviceNotFound;…"}) and in the {@code iothub-errorcode} header. (412002 is not
 * {@code PreconditionFailed} but the SDKs' {@code DeviceMessageLockLost}; a failed {@code If-Match} is 412001.) The
 * codes of automatic device configurations (4004xx, 404301, 409401, 413101) and of direct methods (403800, 404103,
 * 502000, 504101), which the SDKs do not all list, are those of the service's error code reference.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/troubleshoot-error-codes">IoT Hub error codes</a>
 */
public enum IotHubErrorCode {
    /** 400000: a request the service cannot read, e.g. a job of a type it does not run. */
    GENERIC_BAD_REQUEST(400000, "GenericBadRequest"),
    /** 400003: the operation is not valid in the current state. */
    INVALID_OPERATION(400003, "InvalidOperation"),
    /** 400004: an argument (a key, a value, a size, a depth) breaks a rule of the service. */
    ARGUMENT_INVALID(400004, "ArgumentInvalid"),
    /** 400005: a required argument is missing. */
    ARGUMENT_NULL(400005, "ArgumentNull"),
    /** 400006: the body is not well-formed JSON or has the wrong shape. */
    IOT_HUB_FORMAT_ERROR(400006, "IotHubFormatError"),
    /** 400027: a new connection of the same device closed this one. */
    CONNECTION_FORCEFULLY_CLOSED_ON_NEW_CONNECTION(400027, "ConnectionForcefullyClosedOnNewConnection"),
    /** 400401: an automatic device configuration's target condition is not a valid condition. */
    INVALID_CONFIGURATION_TARGET_CONDITION(400401, "InvalidConfigurationTargetCondition"),
    /** 400402: an automatic device configuration's content breaks a rule (path, value, size, kind). */
    INVALID_CONFIGURATION_CONTENT(400402, "InvalidConfigurationContent"),
    /** 400403: an update tried to change the content of a configuration, which cannot change once created. */
    CANNOT_MODIFY_IMMUTABLE_CONFIGURATION_CONTENT(400403, "CannotModifyImmutableConfigurationContent"),
    /** 400404: a custom metric query of a configuration is not a valid query. */
    INVALID_CONFIGURATION_CUSTOM_METRICS_QUERY(400404, "InvalidConfigurationCustomMetricsQuery"),
    /** 401002: the credentials are missing, invalid or expired. */
    IOT_HUB_UNAUTHORIZED_ACCESS(401002, "IotHubUnauthorizedAccess"),
    /** 403002: a hub quota is exhausted. */
    IOT_HUB_QUOTA_EXCEEDED(403002, "IotHubQuotaExceeded"),
    /** 403800: the device has as many direct method calls in flight as it may. */
    DEVICE_MAXIMUM_INFLIGHT_METHOD_EXCEEDED(403800, "DeviceMaximumInflightMethodExceeded"),
    /** 404001: the device does not exist. */
    DEVICE_NOT_FOUND(404001, "DeviceNotFound"),
    /** 404002: the job does not exist (or is no longer kept). */
    JOB_NOT_FOUND(404002, "JobNotFound"),
    /** 404010: the module does not exist. */
    MODULE_NOT_FOUND(404010, "ModuleNotFound"),
    /**
     * 404103: a direct method's device (or module) is not online: not connected with a subscription to direct
     * methods within the call's connect timeout, or it went away before it answered.
     */
    DEVICE_NOT_ONLINE(404103, "DeviceNotOnline"),
    /** 404301: the automatic device configuration does not exist. */
    CONFIGURATION_NOT_FOUND(404301, "ConfigurationNotFound"),
    /** 409001: a device with that id already exists. */
    DEVICE_ALREADY_EXISTS(409001, "DeviceAlreadyExists"),
    /** 409104: a job with that id already exists. */
    JOB_ALREADY_EXISTS(409104, "JobAlreadyExists"),
    /** 409301: a module with that id already exists on the device. */
    MODULE_ALREADY_EXISTS_ON_DEVICE(409301, "ModuleAlreadyExistsOnDevice"),
    /** 409401: an automatic device configuration with that id already exists. */
    CONFIGURATION_ALREADY_EXISTS(409401, "ConfigurationAlreadyExists"),
    /** 412001: an {@code If-Match} etag or a version precondition did not match. */
    PRECONDITION_FAILED(412001, "PreconditionFailed"),
    /** 413001: the message is too large. */
    MESSAGE_TOO_LARGE(413001, "MessageTooLarge"),
    /** 413101: the hub holds as many automatic device configurations as it may. */
    CONFIGURATION_COUNT_LIMIT_EXCEEDED(413101, "ConfigurationCountLimitExceeded"),
    /** 429001: the request was throttled. */
    THROTTLING_EXCEPTION(429001, "ThrottlingException"),
    /** 429002: the throttling backlog limit was exceeded. */
    THROTTLE_BACKLOG_LIMIT_EXCEEDED(429002, "ThrottleBacklogLimitExceeded"),
    /** 429004: the hub already runs as many jobs as its tier allows at once. */
    THROTTLING_MAX_ACTIVE_JOB_COUNT_EXCEEDED(429004, "ThrottlingMaxActiveJobCountExceeded"),
    /** 500001: an internal error of the service. */
    SERVER_ERROR(500001, "ServerError"),
    /** 502000: the hub could not relay what a device answered, e.g. a direct method response that is not JSON. */
    GENERIC_BAD_GATEWAY(502000, "GenericBadGateway"),
    /** 503001: the service is unavailable. */
    SERVICE_UNAVAILABLE(503001, "ServiceUnavailable"),
    /** 504101: the device did not answer a direct method within the call's response timeout. */
    GATEWAY_TIMEOUT(504101, "GatewayTimeout");

    private final int code;
    private final String errorName;

    IotHubErrorCode(int code, String errorName) {
        this.code = code;
        this.errorName = errorName;
    }

    /** Returns the six-digit code, e.g. {@code 400004}. */
    public int code() {
        return code;
    }

    /** Returns the service's name of the code, e.g. {@code DeviceNotFound} for 404001. */
    public String errorName() {
        return errorName;
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

    /** Returns the constant whose {@link #errorName()} is {@code name} (exactly, as the service writes it), if any. */
    public static Optional<IotHubErrorCode> fromName(String name) {
        for (IotHubErrorCode value : values()) {
            if (value.errorName.equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
