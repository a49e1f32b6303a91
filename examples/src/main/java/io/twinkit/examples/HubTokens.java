package io.twinkit.examples;

import io.twinkit.core.SharedAccessSignature;
import io.twinkit.service.ServiceConnectionString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** The hub-level SAS tokens of the requests the examples send without an SDK. */
final class HubTokens {

    private static final long TOKEN_SECONDS = 3600;

    private HubTokens() {
    }

    /**
     * Returns a token for the whole hub (the host without a port, lower case), signed with the connection string's
     * policy key and valid for an hour.
     */
    static String hubToken(ServiceConnectionString hub) {
        Objects.requireNonNull(hub, "hub");
        String bare = hub.hostNameWithoutPort().toLowerCase(Locale.ROOT);
        return SharedAccessSignature.create(hub.sharedAccessKey(), URLEncoder.encode(bare, StandardCharsets.UTF_8),
                Instant.now().getEpochSecond() + TOKEN_SECONDS, hub.sharedAccessKeyName());
    }
}
