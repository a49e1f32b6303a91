package io.twinkit.core;

/** Whether a device is connected: the twin's {@code connectionState}. The service spells each constant as {@link #wireName()}; reading ignores case. */
public enum ConnectionState implements WireNamed {
    /** A device connection is open. */
    CONNECTED("Connected"),
    /** No device connection is open. */
    DISCONNECTED("Disconnected");

    private final String wireName;

    ConnectionState(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses in JSON. */
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the constant whose wire name is {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException if there is none, listing the accepted names
     */
    public static ConnectionState fromWireName(String text) {
        return WireNamed.fromWireName(ConnectionState.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
