package io.twinkit.emulator;

import java.util.Base64;
import java.util.Objects;

/**
 * The two SAS keys of a device or module identity.
 *
 * @param primaryKey the base64 primary key
 * @param secondaryKey the base64 secondary key
 */
public record SymmetricKey(String primaryKey, String secondaryKey) {

    /**
     * Creates keys.
     *
     * @throws IllegalArgumentException if a key is not a non-empty base64 string
     */
    public SymmetricKey {
        requireBase64("primaryKey", primaryKey);
        requireBase64("secondaryKey", secondaryKey);
    }

    /** Returns two fresh 256-bit keys, as the service generates them. */
    public static SymmetricKey generate() {
        return new SymmetricKey(SharedAccessPolicy.newKey(), SharedAccessPolicy.newKey());
    }

    private static void requireBase64(String what, String key) {
        Objects.requireNonNull(key, what);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("authentication.symmetricKey." + what + " must be base64: "
                    + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("authentication.symmetricKey." + what + " must not be empty");
        }
    }

    /** Returns the record without the keys, safe to log. */
    @Override
    public String toString() {
        return "SymmetricKey[***]";
    }
}
