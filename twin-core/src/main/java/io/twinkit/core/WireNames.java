package io.twinkit.core;

import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Looks up the enum constants the service spells by their wire names. */
final class WireNames {

    /** The constants of each enum, looked up once: {@code getEnumConstants} copies them on every call. */
    private static final ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    private WireNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> wireName) {
        Object[] constants = CONSTANTS.get(type);
        // the service's own spelling first, then any other case
        for (Object constant : constants) {
            E value = type.cast(constant);
            if (wireName.apply(value).equals(text)) {
                return value;
            }
        }
        for (Object constant : constants) {
            E value = type.cast(constant);
            if (wireName.apply(value).equalsIgnoreCase(text)) {
                return value;
            }
        }
        String accepted = Stream.of(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + text + "' is not a valid " + type.getSimpleName()
                + "; expected one of " + accepted + " (case-insensitive)");
    }
}
