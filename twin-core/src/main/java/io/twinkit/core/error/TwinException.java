package io.twinkit.core.error;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base of every exception twinkit throws for a twin-level problem. It carries the IoT Hub error code the
 * service would answer with, so code that talks to the real service and code that talks to twinkit can handle
 * errors the same way.
 */
public class TwinException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final IotHubErrorCode errorCode;

    /**
     * Creates an exception.
     *
     * @param errorCode the IoT Hub error code
     * @param message what went wrong and, where possible, how to fix it
     */
    public TwinException(IotHubErrorCode errorCode, String message) {
        super(message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /**
     * Creates an exception with a cause.
     *
     * @param errorCode the IoT Hub error code
     * @param message what went wrong and, where possible, how to fix it
     * @param cause the underlying problem, or {@code null}
     */
    public TwinException(IotHubErrorCode errorCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** Returns the IoT Hub error code, e.g. {@link IotHubErrorCode#ARGUMENT_INVALID}. */
    public IotHubErrorCode errorCode() {
        return errorCode;
    }

    /** Returns the HTTP status the service answers with, e.g. {@code 400}. */
    public int httpStatus() {
        return errorCode.httpStatus();
    }
}
