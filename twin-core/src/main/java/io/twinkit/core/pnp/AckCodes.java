package io.twinkit.core.pnp;

/**
 * The acknowledgement codes ({@code ac}) that the IoT Plug and Play convention gives a meaning to. Any HTTP-style
 * status from 100 to 599 is a valid code; these are the ones devices and solutions agree on.
 *
 * <pre>{@code
 * {"value": 21.3, "ac": 200, "av": 3, "ad": "complete"}      // AckCodes.ACCEPTED
 * {"value": 20.0, "ac": 203, "av": 0, "ad": "initialize"}    // AckCodes.DEVICE_DEFAULT
 * }</pre>
 *
 * @see WritablePropertyAck
 * @see WritablePropertyState#ofCode(int)
 */
public final class AckCodes {

    /** {@code 200}: the device applied the desired value; {@code av} is the desired {@code $version} answered. */
    public static final int ACCEPTED = 200;

    /**
     * {@code 202}: the device is still applying the desired value; {@code value} is what it has accepted so far. A
     * later {@link #ACCEPTED} ack should follow.
     */
    public static final int IN_PROGRESS = 202;

    /**
     * {@code 203}: the device set the value on its own (for example its initial default) and answers no desired
     * value, so {@code av} is {@code 0}.
     */
    public static final int DEVICE_DEFAULT = 203;

    /** {@code 400}: the device rejected the desired value; {@code value} is the value it actually uses. */
    public static final int REJECTED = 400;

    /** {@code 500}: the device failed while applying the desired value; {@code value} is the value it actually uses. */
    public static final int FAILED = 500;

    /** The lowest valid code. */
    public static final int MIN = 100;

    /** The highest valid code. */
    public static final int MAX = 599;

    private AckCodes() {
    }
}
