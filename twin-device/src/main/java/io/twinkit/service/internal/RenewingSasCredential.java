package io.twinkit.service.internal;

import com.azure.core.credential.AzureSasCredential;
import io.twinkit.client.internal.SasTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link AzureSasCredential} for a hub policy that is re-minted once less than a fifth of its validity is left,
 * checked before every call, so a long-lived client never sends an expired token.
 */
public final class RenewingSasCredential {

    private final String base64Key;
    private final String host;
    private final String policy;
    private final Duration validity;
    private final Clock clock;
    private final AzureSasCredential credential;
    private long expiry;

    /**
     * Creates a credential and mints its first token.
     *
     * @param base64Key the policy key
     * @param host the hub host, with or without port
     * @param policy the policy name
     * @param validity how long each token is valid
     * @param clock the time source
     * @throws IllegalArgumentException if validity is under ten seconds or the key is not base64
     */
    public RenewingSasCredential(String base64Key, String host, String policy, Duration validity, Clock clock) {
        this.base64Key = Objects.requireNonNull(base64Key, "base64Key");
        this.host = Objects.requireNonNull(host, "host");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.validity = Objects.requireNonNull(validity, "validity");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validity.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalArgumentException("token validity " + validity + " is under 10 seconds");
        }
        this.expiry = clock.instant().getEpochSecond() + validity.getSeconds();
        this.credential = new AzureSasCredential(SasTokens.hubToken(base64Key, host, expiry, policy));
    }

    /** Returns the credential the SDK clients hold; its token is replaced in place on renewal. */
    public AzureSasCredential credential() {
        return credential;
    }

    /** Returns the expiry of the current token, seconds since the epoch. */
    public synchronized long expiry() {
        return expiry;
    }

    /** Re-mints the token if less than a fifth of its validity remains. */
    public synchronized void renewIfDue() {
        long now = clock.instant().getEpochSecond();
        if (expiry - now < validity.getSeconds() / 5) {
            expiry = now + validity.getSeconds();
            credential.update(SasTokens.hubToken(base64Key, host, expiry, policy));
        }
    }
}
