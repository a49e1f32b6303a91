package io.twinkit.core;

/** How a device authenticates: the twin's {@code authenticationType}. The service spells each constant as {@link #wireName()}; reading ignores case. */
public enum AuthenticationType implements WireNamed {
    /** Shared access signature keys. */
    SAS("sas"),
    /** A self-signed X.509 certificate, by thumbprint. */
    SELF_SIGNED("selfSigned"),
    /** An X.509 certificate signed by a registered CA. */
    CERTIFICATE_AUTHORITY("certificateAuthority"),
    /** No authentication (modules of IoT Edge). */
    NONE("none");

    private final String wireName;

    AuthenticationType(String wireName) {
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
    public static AuthenticationType fromWireName(String text) {
        return WireNamed.fromWireName(AuthenticationType.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
