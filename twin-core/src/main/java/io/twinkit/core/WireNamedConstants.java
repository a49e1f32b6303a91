package io.twinkit.core;

/** The constants of each {@link WireNamed} enum, looked up once: {@code getEnumConstants} copies them on every call. */
final class WireNamedConstants {

    static final ClassValue<Object[]> CONSTANTS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
            return type.getEnumConstants();
        }
    };

    private WireNamedConstants() {
    }
}
