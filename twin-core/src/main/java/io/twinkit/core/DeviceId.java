package io.twinkit.core;

/**
 * A validated IoT Hub device id: 1 to 128 case-sensitive ASCII characters, letters, digits and
 * {@code - : . + % _ # * ? ! ( ) , = @ ; $ '}.
 *
 * <p>Immutable and thread-safe; equality is case-sensitive.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-identity-registry">Identity registry</a>
 */
public final class DeviceId extends RegistryId<DeviceId> {

    private DeviceId(String value) {
        super("device id", value);
    }

    /**
     * Returns the device id {@code value}.
     *
     * @throws InvalidIdException if it is empty, longer than 128 characters, or has a character IoT Hub forbids
     */
    public static DeviceId of(String value) {
        return new DeviceId(value);
    }
}
