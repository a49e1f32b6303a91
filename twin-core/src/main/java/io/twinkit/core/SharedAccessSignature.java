package io.twinkit.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * IoT Hub's shared access signature rule, the one place it is written: the signature is
 * {@code Base64(HMAC-SHA256(Base64Decode(key), UTF-8(sr + "\n" + se)))} over {@code sr} exactly as it appears in the
 * token (usually the percent-encoded resource), and the token is
 * {@code SharedAccessSignature sr={sr}&sig={percent-encoded signature}&se={se}[&skn={policy}]}.
 *
 * <pre>{@code
 * String token = SharedAccessSignature.create(deviceKey, "myhub.azure-devices.net%2Fdevices%2Fdev1", 1700003600, null);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">Control access to IoT Hub
 *     with SAS</a>
 */
public final class SharedAccessSignature {

    /** The scheme every token starts with, including the space after it. */
    public static final String PREFIX = "SharedAccessSignature ";

    private SharedAccessSignature() {
    }

    /**
     * Returns the base64 HMAC-SHA256 signature of {@code signedResource + "\n" + expiry}, not percent-encoded.
     *
     * @param base64Key the shared key, base64-encoded
     * @param signedResource the {@code sr} text exactly as it appears in the token, encoded or not
     * @param expiry the {@code se}: seconds since the Unix epoch
     * @return the base64 signature
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string
     */
    public static String sign(String base64Key, String signedResource, long expiry) {
        return sign(base64Key, signedResource, Long.toString(expiry));
    }

    /**
     * Returns the base64 HMAC-SHA256 signature of {@code signedResource + "\n" + expiry}, with {@code se} as text: a
     * verifier signs it as received, since a client that wrote leading zeros signed them too.
     *
     * @param base64Key the shared key, base64-encoded
     * @param signedResource the {@code sr} text exactly as it appears in the token, encoded or not
     * @param expiry the {@code se} text exactly as it appears in the token
     * @return the base64 signature
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string
     */
    public static String sign(String base64Key, String signedResource, String expiry) {
        Objects.requireNonNull(signedResource, "signedResource");
        Objects.requireNonNull(expiry, "expiry");
        return Base64.getEncoder().encodeToString(hmac(decodeKey(base64Key), signedResource + "\n" + expiry));
    }

    /**
     * Returns a signed token with the fields in the order {@code sr}, {@code sig}, {@code se}, {@code skn}; the
     * signature is percent-encoded with uppercase hex ({@code + / =} become {@code %2B %2F %3D}).
     *
     * @param base64Key the shared key, base64-encoded
     * @param signedResource the {@code sr}, used exactly as given
     * @param expiry the {@code se}: seconds since the Unix epoch
     * @param keyName the policy name for a shared access policy key, or {@code null} for a device or module key
     * @return {@code SharedAccessSignature sr=…&sig=…&se=…[&skn=…]}
     * @throws IllegalArgumentException if {@code base64Key} is not a non-empty base64 string, or {@code signedResource}
     *     or {@code keyName} holds {@code &}, which would split the token
     */
    public static String create(String base64Key, String signedResource, long expiry, @Nullable String keyName) {
        requireNoAmpersand("signedResource", signedResource);
        StringBuilder token = new StringBuilder(PREFIX).append("sr=").append(signedResource).append("&sig=")
                .append(encodeSignature(sign(base64Key, signedResource, expiry))).append("&se=").append(expiry);
        if (keyName != null) {
            requireNoAmpersand("keyName", keyName);
            token.append("&skn=").append(keyName);
        }
        return token.toString();
    }

    /** Percent-encodes a base64 signature: its only characters outside RFC 3986's unreserved set are + / =. */
    private static String encodeSignature(String base64) {
        return base64.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    private static byte[] decodeKey(String base64Key) {
        Objects.requireNonNull(base64Key, "base64Key");
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the SAS key must be base64: " + e.getMessage(), e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the SAS key must not be empty");
        }
        return key;
    }

    private static void requireNoAmpersand(String what, String value) {
        Objects.requireNonNull(value, what);
        if (value.indexOf('&') >= 0) {
            throw new IllegalArgumentException(what + " '" + value + "' must not contain '&'; percent-encode it");
        }
    }
}
