package io.twinkit.service;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long a direct method call waits, as IoT Hub counts it: the <b>connect timeout</b>, how long the hub waits for a
 * device that is not online to connect (0 by default: the call fails at once with 404103); and the <b>response
 * timeout</b>, how long it waits for the device's answer once the device has the call (30 seconds by default, the
 * service's; 5 to 300 seconds). Both are whole seconds. A call takes at most their sum.
 *
 * <pre>{@code
 * backEnd.methods().invoke(key, "reboot", null, MethodInvokeOptions.defaults()
 *         .responseTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(60)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; the methods that configure return new options.
 */
public final class MethodInvokeOptions {

    /** The shortest response timeout IoT Hub accepts. */
    public static final Duration MIN_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** The longest response or connect timeout IoT Hub accepts. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);

    private static final MethodInvokeOptions DEFAULTS = new MethodInvokeOptions(Duration.ofSeconds(30), Duration.ZERO);

    private final Duration responseTimeout;
    private final Duration connectTimeout;

    private MethodInvokeOptions(Duration responseTimeout, Duration connectTimeout) {
        this.responseTimeout = responseTimeout;
        this.connectTimeout = connectTimeout;
    }

    /** Returns the defaults: a response timeout of 30 seconds and a connect timeout of 0 (the device must be online). */
    public static MethodInvokeOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with another response timeout.
     *
     * @param timeout whole seconds, 5 to 300
     * @return the options
     * @throws IllegalArgumentException if the timeout is not whole seconds or out of range
     */
    public MethodInvokeOptions responseTimeout(Duration timeout) {
        return new MethodInvokeOptions(check("responseTimeout", timeout, MIN_RESPONSE_TIMEOUT), connectTimeout);
    }

    /**
     * Returns these options with another connect timeout.
     *
     * @param timeout whole seconds, 0 to 300
     * @return the options
     * @throws IllegalArgumentException if the timeout is not whole seconds or out of range
     */
    public MethodInvokeOptions connectTimeout(Duration timeout) {
        return new MethodInvokeOptions(responseTimeout, check("connectTimeout", timeout, Duration.ZERO));
    }

    private static Duration check(String what, Duration timeout, Duration min) {
        Objects.requireNonNull(timeout, what);
        if (timeout.getNano() != 0 || timeout.compareTo(min) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(what + " must be whole seconds from " + min.getSeconds() + " to "
                    + MAX_TIMEOUT.getSeconds() + ", as IoT Hub accepts; was " + timeout);
        }
        return timeout;
    }

    /** Returns how long the hub waits for the device's answer once the device has the call. */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** Returns how long the hub waits for a device that is not online to connect. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns whether {@code obj} is options with the same timeouts. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof MethodInvokeOptions other && responseTimeout.equals(other.responseTimeout)
                && connectTimeout.equals(other.connectTimeout);
    }

    /** Returns a hash of the timeouts. */
    @Override
    public int hashCode() {
        return Objects.hash(responseTimeout, connectTimeout);
    }

    /** Returns e.g. {@code MethodInvokeOptions[responseTimeout=PT30S, connectTimeout=PT0S]}. */
    @Override
    public String toString() {
        return "MethodInvokeOptions[responseTimeout=" + responseTimeout + ", connectTimeout=" + connectTimeout + "]";
    }
}
