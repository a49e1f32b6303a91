package io.twinkit.device;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import org.jspecify.annotations.Nullable;

/**
 * A telemetry message of a {@link DeviceConnection} was not acknowledged: the device SDK gave up on it (its
 * reconnects expired, or the hub refused it), or the connection closed first. The message may or may not have
 * reached the hub. A full outbox is the subclass {@link OutboxFullException}.
 */
public class TelemetryException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * Creates an exception.
     *
     * @param errorCode the IoT Hub error code matching {@code status}
     * @param status the status the hub or the transport answered with (503 when the message never got an answer)
     * @param message what went wrong
     * @param cause the underlying problem, or {@code null}
     */
    public TelemetryException(IotHubErrorCode errorCode, int status, String message, @Nullable Throwable cause) {
        super(errorCode, message, cause);
        this.status = status;
    }

    /** Returns the status the hub or the transport answered with, e.g. {@code 503}. */
    @Override
    public int httpStatus() {
        return status;
    }
}
