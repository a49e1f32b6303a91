package io.twinkit.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The twin's {@code x509Thumbprint}: the SHA thumbprints of a self-signed device certificate, each possibly unset.
 *
 * @param primary the primary thumbprint, or {@code null} when unset
 * @param secondary the secondary thumbprint, or {@code null} when unset
 */
public record X509Thumbprint(@Nullable String primary, @Nullable String secondary) {

    private static final X509Thumbprint NONE = new X509Thumbprint(null, null);

    /** Returns the value with neither thumbprint set, as SAS devices have. */
    public static X509Thumbprint none() {
        return NONE;
    }

    /** Returns the primary thumbprint, if set. */
    public Optional<String> primaryThumbprint() {
        return Optional.ofNullable(primary);
    }

    /** Returns the secondary thumbprint, if set. */
    public Optional<String> secondaryThumbprint() {
        return Optional.ofNullable(secondary);
    }
}
