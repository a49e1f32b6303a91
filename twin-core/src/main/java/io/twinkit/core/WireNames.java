package io.twinkit.core;

import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Looks up the enum constants the service spells by their wire names. */
final class WireNames {

    private WireNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, Function<E, String> wireName) {
        for (E value : type.getEnumConstants()) {
            if (wireName.apply(value).equalsIgnoreCase(text)) {
                return value;
            }
        }
        String accepted = Stream.of(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + text + "' is not a valid " + type.getSimpleName()
                + "; expected one of " + accepted + " (case-insensitive)");
    }
}
