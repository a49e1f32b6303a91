package io.twinkit.core.json;

/** A JSON boolean. There are exactly two instances. */
public enum JsonBoolean implements JsonValue {
    /** {@code true}. */
    TRUE(true),
    /** {@code false}. */
    FALSE(false);

    private final boolean value;

    JsonBoolean(boolean value) {
        this.value = value;
    }

    /** Returns the instance for {@code value}. */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** Returns the boolean this value holds. */
    public boolean value() {
        return value;
    }

    @Override
    public JsonType type() {
        return JsonType.BOOLEAN;
    }

    @Override
    public String toString() {
        return value ? "true" : "false";
    }
}
