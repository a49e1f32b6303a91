package io.twinkit.service.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Mints IoT Hub shared access signatures
 * (<a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">security tokens</a>):
 * {@code sig} is the URL-encoded base64 HMAC-SHA256, keyed with the base64-decoded policy key, of
 * {@code sr + "\n" + se}.
 */
public final class SasTokens {

    private SasTokens() {
    }

    /**
     * Returns the signature of {@code sr + "\n" + se}, base64 and not URL-encoded.
     *
     * @param base64Key the policy or device key, base64
     * @param resource the {@code sr} exactly as it goes into the token
     * @param expiryEpochSeconds the {@code se}
     * @return the base64 signature
     * @throws IllegalArgumentException if the key is not base64
     */
    public static String signature(String base64Key, String resource, long expiryEpochSeconds) {
        Objects.requireNonNull(base64Key, "base64Key");
        Objects.requireNonNull(resource, "resource");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            byte[] raw = mac.doFinal((resource + "\n" + expiryEpochSeconds).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * Returns a hub-level token for {@code host} (port dropped, lower-cased and URL-encoded, as the service SDK
     * signs it).
     *
     * @param base64Key the policy key, base64
     * @param host the hub host, with or without {@code :port}
     * @param expiryEpochSeconds the {@code se}
     * @param policy the {@code skn}, or {@code null} for a device key
     * @return {@code SharedAccessSignature sr=…&sig=…&se=…[&skn=…]}
     */
    public static String hubToken(String base64Key, String host, long expiryEpochSeconds, @Nullable String policy) {
        int colon = host.lastIndexOf(':');
        String bare = colon < 0 ? host : host.substring(0, colon);
        return token(base64Key, encode(bare.toLowerCase(Locale.ROOT)), expiryEpochSeconds, policy);
    }

    /**
     * Returns a token for a resource already in the form it is signed and sent.
     *
     * @param base64Key the key, base64
     * @param resource the {@code sr} as it goes into the token
     * @param expiryEpochSeconds the {@code se}
     * @param policy the {@code skn}, or {@code null}
     * @return {@code SharedAccessSignature sr=…&sig=…&se=…[&skn=…]}
     */
    public static String token(String base64Key, String resource, long expiryEpochSeconds, @Nullable String policy) {
        String sig = encode(signature(base64Key, resource, expiryEpochSeconds));
        return "SharedAccessSignature sr=" + resource + "&sig=" + sig + "&se=" + expiryEpochSeconds
                + (policy == null ? "" : "&skn=" + policy);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
