package io.twinkit.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A validated IoT Hub device id: 1 to 128 case-sensitive ASCII characters, letters, digits and
 * {@code - : . + % _ # * ? ! ( ) , = @ ; $ '}.
 *
 * <p>Immutable and thread-safe; equality is case-sensitive.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-identity-registry">Identity registry</a>
 */
public final class DeviceId implements Comparable<DeviceId> {

    private final String value;

    private DeviceId(String value) {
        this.value = value;
    }

    /**
     * Returns the device id {@code value}.
     *
     * @throws InvalidIdException if it is empty, longer than 128 characters, or has a character IoT Hub forbids
     */
    public static DeviceId of(String value) {
        Objects.requireNonNull(value, "value");
        return new DeviceId(IdRules.check("device id", value));
    }

    /** Returns the id text. */
    public String value() {
        return value;
    }

    @Override
    public int compareTo(DeviceId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof DeviceId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Returns the id text. */
    @Override
    public String toString() {
        return value;
    }
}
