package io.twinkit.core;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A constant the service spells in JSON by its own name, such as {@link DeviceStatus#ENABLED} as {@code "enabled"}:
 * implemented by the enums of twin fields ({@link DeviceStatus}, {@link ConnectionState}, {@link AuthenticationType},
 * {@link ConfigurationStatus}), so that code writing queries or JSON reads the wire name the same way for all.
 */
public interface WireNamed {

    /** Returns the name the service uses in JSON, e.g. {@code enabled}. */
    String wireName();

    /**
     * Returns the constant of {@code type} whose wire name is {@code text}, ignoring case as the service does.
     *
     * @param <E> the enum
     * @param type the enum's class
     * @param text the wire name
     * @return the constant
     * @throws IllegalArgumentException if there is none, listing the accepted names
     */
    static <E extends Enum<E> & WireNamed> E fromWireName(Class<E> type, String text) {
        Object[] constants = WireNamedConstants.CONSTANTS.get(type);
        for (Object constant : constants) { // the service's own spelling first, then any other case
            E value = type.cast(constant);
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        for (Object constant : constants) {
            E value = type.cast(constant);
            if (value.wireName().equalsIgnoreCase(text)) {
                return value;
            }
        }
        String accepted = Stream.of(type.getEnumConstants()).map(WireNamed::wireName)
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + text + "' is not a valid " + type.getSimpleName()
                + "; expected one of " + accepted + " (case-insensitive)");
    }
}
