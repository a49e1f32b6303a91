package io.twinkit.client.internal;

import io.twinkit.core.SharedAccessSignature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Mints the IoT Hub shared access signatures the clients send
 * (<a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-dev-guide-sas">security tokens</a>): hub-level tokens
 * for the back-end client, device and module tokens for the device client; the signing rule itself is
 * {@link SharedAccessSignature}'s.
 */
public final class SasTokens {

    private SasTokens() {
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
        return SharedAccessSignature.create(base64Key, encode(bare.toLowerCase(Locale.ROOT)), expiryEpochSeconds,
                policy);
    }

    /**
     * Returns a device or module token for {@code resource}, signed as given (the device SDK's own form).
     *
     * @param base64Key the device or module key, base64
     * @param resource {@code host/devices/<id>[/modules/<id>]}
     * @param expiryEpochSeconds the {@code se}
     * @return {@code SharedAccessSignature sr=…&sig=…&se=…}
     */
    public static String deviceToken(String base64Key, String resource, long expiryEpochSeconds) {
        return SharedAccessSignature.create(base64Key, resource, expiryEpochSeconds, null);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
