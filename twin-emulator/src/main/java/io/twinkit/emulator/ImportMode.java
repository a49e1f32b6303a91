package io.twinkit.emulator;

import java.util.Arrays;
import java.util.Locale;

/** What one item of a bulk registry request ({@link DeviceRegistry#bulk}) does: the service's {@code importMode}. */
public enum ImportMode {
    /** Creates the identity; it must not exist. */
    CREATE("create"),
    /** Updates the identity (and the twin sections the item carries); it must exist. */
    UPDATE("update"),
    /** As {@link #UPDATE}, if the item's {@code eTag} matches the identity etag. */
    UPDATE_IF_MATCH_ETAG("updateIfMatchETag"),
    /** Deletes the identity, a device with its modules; it must exist. */
    DELETE("delete"),
    /** As {@link #DELETE}, if the item's {@code eTag} matches the identity etag. */
    DELETE_IF_MATCH_ETAG("deleteIfMatchETag"),
    /** Merges the item's tags and desired properties into the twin; it must exist. */
    UPDATE_TWIN("updateTwin"),
    /** As {@link #UPDATE_TWIN}, if the item's {@code twinETag} matches the twin etag. */
    UPDATE_TWIN_IF_MATCH_ETAG("updateTwinIfMatchETag");

    private final String wireName;

    ImportMode(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name on the wire, e.g. {@code updateIfMatchETag}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the mode named {@code name}, ignoring case as the service does (the Node SDK sends {@code Update}).
     *
     * @throws IllegalArgumentException if no mode has that name; the message lists the modes
     */
    public static ImportMode fromWireName(String name) {
        for (ImportMode mode : values()) {
            if (mode.wireName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an import mode of a bulk registry request; use one"
                + " of " + Arrays.stream(values()).map(ImportMode::wireName).toList());
    }

    /**
     * Returns whether the item applies only if an etag matches: {@link #UPDATE_IF_MATCH_ETAG},
     * {@link #DELETE_IF_MATCH_ETAG} and {@link #UPDATE_TWIN_IF_MATCH_ETAG}.
     */
    public boolean conditional() {
        return this == UPDATE_IF_MATCH_ETAG || this == DELETE_IF_MATCH_ETAG || this == UPDATE_TWIN_IF_MATCH_ETAG;
    }
}
