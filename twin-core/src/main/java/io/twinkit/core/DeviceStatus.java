package io.twinkit.core;

/** Whether a device may connect: the twin's {@code status}. The service spells each constant as {@link #wireName()}; reading ignores case. */
public enum DeviceStatus implements WireNamed {
    /** The device may connect. */
    ENABLED("enabled"),
    /** The device is refused. */
    DISABLED("disabled");

    private final String wireName;

    DeviceStatus(String wireName) {
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
    public static DeviceStatus fromWireName(String text) {
        return WireNamed.fromWireName(DeviceStatus.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
