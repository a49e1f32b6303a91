package io.twinkit.core;

/**
 * A validated IoT Hub module id: 1 to 128 case-sensitive ASCII characters, letters, digits and
 * {@code - : . + % _ # * ? ! ( ) , = @ ; $ '}.
 *
 * <p>Immutable and thread-safe; equality is case-sensitive.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-identity-registry">Identity registry</a>
 */
public final class ModuleId extends RegistryId<ModuleId> {

    private ModuleId(String value) {
        super("module id", value);
    }

    /**
     * Returns the module id {@code value}.
     *
     * @throws InvalidIdException if it is empty, longer than 128 characters, or has a character IoT Hub forbids
     */
    public static ModuleId of(String value) {
        return new ModuleId(value);
    }
}
