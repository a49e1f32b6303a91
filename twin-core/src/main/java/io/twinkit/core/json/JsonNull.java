package io.twinkit.core.json;

/**
 * The JSON {@code null}. In a twin it only ever appears in a {@link io.twinkit.core.MergePatch}, where it
 * means "delete this key", and in a few read-only root fields; stored properties never hold it.
 */
public enum JsonNull implements JsonValue {
    /** The only instance. */
    INSTANCE;

    @Override
    public JsonType type() {
        return JsonType.NULL;
    }

    @Override
    public String toString() {
        return "null";
    }
}
