package io.twinkit.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RenewingSasCredentialTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void credentialIsReMintedOnlyWhenLessThanAFifthOfItsValidityIsLeft() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_700_000_000L));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        RenewingSasCredential credential = new RenewingSasCredential(KEY, "localhost:1234", "iothubowner",
                Duration.ofHours(1), clock);
        String first = credential.credential().getSignature();
        assertThat(first).contains("sr=localhost&", "&se=1700003600&skn=iothubowner");

        now.set(Instant.ofEpochSecond(1_700_000_000L + 2800));
        credential.renewIfDue();
        assertThat(credential.credential().getSignature()).isEqualTo(first);

        now.set(Instant.ofEpochSecond(1_700_000_000L + 2900));
        credential.renewIfDue();
        assertThat(credential.expiry()).isEqualTo(1_700_000_000L + 2900 + 3600);
        assertThat(credential.credential().getSignature()).isNotEqualTo(first).contains("&se=1700006500&");
    }
}
