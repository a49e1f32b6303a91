package io.twinkit.core.pnp;

/**
 * Where a writable property stands between the back end's desired value and the device's acknowledgement.
 *
 * <pre>{@code
 * "desired":  {"targetTemperature": 21.3, "$version": 3}
 * "reported": {"targetTemperature": {"value": 21.3, "ac": 200, "av": 3}}     // ACCEPTED
 * "reported": {"targetTemperature": {"value": 20.0, "ac": 200, "av": 2}}     // PENDING: answers an older version
 * "reported": {"targetTemperature": {"value": 20.0, "ac": 202, "av": 3}}     // IN_PROGRESS
 * }</pre>
 *
 * @see WritableProperties#status
 */
public enum WritablePropertyState {

    /** The desired section has no value for the property, so nothing was asked of the device. */
    NOT_REQUESTED,

    /**
     * There is a desired value but no ack for its version: no ack at all, or one whose {@code av} is older than the
     * version that last wrote the property.
     */
    PENDING,

    /** The ack for the current version has code {@code 202}: the device is still applying the value. */
    IN_PROGRESS,

    /** The ack for the current version has a {@code 2xx} code other than {@code 202}. */
    ACCEPTED,

    /** The ack for the current version has a {@code 4xx} code: the device refused the value. */
    REJECTED,

    /** The ack for the current version has a {@code 5xx} code, or any code outside {@code 2xx} and {@code 4xx}. */
    FAILED;

    /**
     * Returns the state an up-to-date ack with {@code code} stands for: {@link #IN_PROGRESS} for {@code 202},
     * {@link #ACCEPTED} for any other {@code 2xx}, {@link #REJECTED} for {@code 4xx} and {@link #FAILED} for
     * everything else.
     */
    public static WritablePropertyState ofCode(int code) {
        if (code == AckCodes.IN_PROGRESS) {
            return IN_PROGRESS;
        }
        if (code >= 200 && code < 300) {
            return ACCEPTED;
        }
        if (code >= 400 && code < 500) {
            return REJECTED;
        }
        return FAILED;
    }
}
