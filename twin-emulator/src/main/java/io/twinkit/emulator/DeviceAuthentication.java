package io.twinkit.emulator;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.X509Thumbprint;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a device or module identity authenticates: the {@code authentication} member of the service's REST form.
 *
 * @param type the authentication type
 * @param symmetricKey the SAS keys; {@code null} for a SAS identity asks the registry to generate them
 * @param x509Thumbprint the certificate thumbprints of a {@code selfSigned} identity; unset for the others
 */
public record DeviceAuthentication(AuthenticationType type, @Nullable SymmetricKey symmetricKey,
                                   X509Thumbprint x509Thumbprint) {

    /**
     * Creates an authentication.
     *
     * @throws IllegalArgumentException if a {@code selfSigned} identity has no primary thumbprint
     */
    public DeviceAuthentication {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(x509Thumbprint, "x509Thumbprint");
        if (type == AuthenticationType.SELF_SIGNED && x509Thumbprint.primary() == null) {
            throw new IllegalArgumentException("a selfSigned identity needs authentication.x509Thumbprint"
                    + ".primaryThumbprint");
        }
    }

    /** Returns SAS authentication with keys the registry generates. */
    public static DeviceAuthentication sas() {
        return new DeviceAuthentication(AuthenticationType.SAS, null, X509Thumbprint.none());
    }

    /** Returns SAS authentication with the given base64 keys. */
    public static DeviceAuthentication sas(String primaryKey, String secondaryKey) {
        return new DeviceAuthentication(AuthenticationType.SAS, new SymmetricKey(primaryKey, secondaryKey),
                X509Thumbprint.none());
    }

    /** Returns self-signed X.509 authentication by certificate thumbprints. */
    public static DeviceAuthentication selfSigned(String primaryThumbprint, @Nullable String secondaryThumbprint) {
        return new DeviceAuthentication(AuthenticationType.SELF_SIGNED, null,
                new X509Thumbprint(Objects.requireNonNull(primaryThumbprint, "primaryThumbprint"),
                        secondaryThumbprint));
    }

    /** Returns X.509 authentication by a certificate signed by a registered CA. */
    public static DeviceAuthentication certificateAuthority() {
        return new DeviceAuthentication(AuthenticationType.CERTIFICATE_AUTHORITY, null, X509Thumbprint.none());
    }

    /** Returns no authentication, as modules managed by IoT Edge use. */
    public static DeviceAuthentication none() {
        return new DeviceAuthentication(AuthenticationType.NONE, null, X509Thumbprint.none());
    }
}
