package io.twinkit.core;

/** How an automatic device configuration relates to a twin: the {@code status} in {@code configurations}. The service spells each constant as {@link #wireName()}; reading ignores case. */
public enum ConfigurationStatus implements WireNamed {
    /** The configuration targets the device. */
    TARGETED("Targeted"),
    /** The configuration has been applied. */
    APPLIED("Applied");

    private final String wireName;

    ConfigurationStatus(String wireName) {
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
    public static ConfigurationStatus fromWireName(String text) {
        return WireNamed.fromWireName(ConfigurationStatus.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
