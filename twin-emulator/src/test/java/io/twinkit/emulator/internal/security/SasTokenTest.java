package io.twinkit.emulator.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.SharedAccessSignature;
import java.time.Instant;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SasTokenTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String DEVICE = "myhub.azure-devices.net/devices/dev1";
    private static final Instant NOW = Instant.ofEpochSecond(1_699_990_000L);

    @Test
    void signsTheWorkedExampleOfTheSpec() {
        String sr = "myhub.azure-devices.net%2Fdevices%2Fdev1";
        assertThat(SharedAccessSignature.sign(KEY, sr, 1_700_000_000L)).isEqualTo("wosmA3uJK9T0mdB5CIYn+sAVA2ODflnucuvNO5S6mbM=");
        String token = SharedAccessSignature.create(KEY, sr, 1_700_000_000L, null);
        assertThat(token).isEqualTo("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fdev1"
                + "&sig=wosmA3uJK9T0mdB5CIYn%2BsAVA2ODflnucuvNO5S6mbM%3D&se=1700000000");

        SasToken parsed = SasToken.parse(token);
        assertThat(parsed.signedResource()).isEqualTo(sr);
        assertThat(parsed.resource()).isEqualTo(DEVICE);
        assertThat(parsed.resourceHost()).isEqualTo("myhub.azure-devices.net");
        assertThat(parsed.resourcePath()).containsExactly("devices", "dev1");
        assertThat(parsed.signature()).isEqualTo("wosmA3uJK9T0mdB5CIYn+sAVA2ODflnucuvNO5S6mbM=");
        assertThat(parsed.expiry()).isEqualTo(1_700_000_000L);
        assertThat(parsed.keyName()).isEmpty();
        assertThatCode(() -> parsed.verify(KEY, DEVICE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void appendsThePolicyNameLast() {
        String token = SharedAccessSignature.create(KEY, "myhub.azure-devices.net", 1_800_000_000L, "iothubowner");
        assertThat(token).startsWith("SharedAccessSignature sr=myhub.azure-devices.net&sig=")
                .endsWith("&se=1800000000&skn=iothubowner");
        assertThat(SasToken.parse(token).keyName()).contains("iothubowner");
        assertThat(SasToken.parse(token).resourcePath()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sr=h%2Fdevices%2Fd&sig=abc&se=1",
        "SharedAccessSignaturesr=h&sig=abc&se=1",
        "sharedaccesssignature sr=h&sig=abc&se=1",
        "SharedAccessSignature sr=h&sig=abc&se=1&",
        "SharedAccessSignature sr=h&&sig=abc&se=1",
        "SharedAccessSignature sr=h&sig=abc&se=1&flag",
        "SharedAccessSignature sr=h&sig=abc&se=1&sr=h",
        "SharedAccessSignature sr=h&sig=abc&se=1&skn=a&skn=a",
        "SharedAccessSignature sig=abc&se=1",
        "SharedAccessSignature sr=h&se=1",
        "SharedAccessSignature sr=h&sig=abc",
        "SharedAccessSignature sr=h&sig=abc&se=",
        "SharedAccessSignature sr=h&sig=abc&se=1.5",
        "SharedAccessSignature sr=h&sig=abc&se=1e9",
        "SharedAccessSignature sr=h&sig=abc&se=+1",
        "SharedAccessSignature sr=h&sig=abc&se= 1",
        "SharedAccessSignature sr=h&sig=abc&se=\u0661\u0662",
        "SharedAccessSignature sr=h&sig=abc&se=99999999999999999999",
        "SharedAccessSignature ",
        ""
    })
    void refusesMalformedTokens(String token) {
        assertRefused(() -> SasToken.parse(token), SasFailure.MALFORMED);
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsAnyOrder() {
        String sig = SharedAccessSignature.sign(KEY, DEVICE, 1_700_000_000L);
        SasToken token = SasToken.parse("SharedAccessSignature x-extra=1&se=1700000000&skn=&sig="
                + sig.replace("+", "%2b").replace("/", "%2f").replace("=", "%3d") + "&sr=" + DEVICE);
        assertThat(token.signature()).as("lowercase hex decodes too").isEqualTo(sig);
        assertThat(token.keyName()).contains("");
        assertThatCode(() -> token.verify(KEY, DEVICE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void neverDecodesAPlusIntoASpace() {
        long expiry = 1_700_000_000L;
        while (!SharedAccessSignature.sign(KEY, DEVICE, expiry).contains("+")) {
            expiry++;
        }
        String sig = SharedAccessSignature.sign(KEY, DEVICE, expiry);
        SasToken token = SasToken.parse("SharedAccessSignature sr=" + DEVICE + "&sig=" + sig + "&se=" + expiry);
        assertThat(token.signature()).isEqualTo(sig);
        assertThatCode(() -> token.verify(KEY, DEVICE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void acceptsASignatureOverTheLowerCasedEncodedResource() {
        // the Java service SDK lower-cases and encodes before signing; a client may still send sr as it had it
        String sent = "MyHub.azure-devices.net/devices/dev1";
        String signed = "myhub.azure-devices.net%2Fdevices%2Fdev1";
        String sig = SharedAccessSignature.sign(KEY, signed, 1_700_000_000L);
        SasToken token = SasToken.parse("SharedAccessSignature sr=" + sent + "&sig="
                + PercentCoding.encode(sig) + "&se=1700000000");
        assertThat(token.isSignedWith(KEY)).isTrue();
        assertThat(token.isSignedWith(OTHER_KEY)).isFalse();
        assertThatCode(() -> token.verify(KEY, DEVICE, NOW)).doesNotThrowAnyException();
    }

    @Test
    void signsTheExpiryAsReceived() {
        String sig = PercentCoding.encode(SharedAccessSignature.sign(KEY, DEVICE, 1_700_000_000L));
        SasToken padded = SasToken.parse("SharedAccessSignature sr=" + DEVICE + "&sig=" + sig + "&se=01700000000");
        assertThat(padded.expiry()).isEqualTo(1_700_000_000L);
        assertRefused(() -> padded.verifySignature(KEY), SasFailure.SIGNATURE);
    }

    @Test
    void checksSignatureThenScopeThenExpiry() {
        String forgedExpired = "SharedAccessSignature sr=" + DEVICE + "&sig=AAAA&se=1";
        assertRefused(() -> SasToken.parse(forgedExpired).verify(KEY, "other/devices/x", NOW), SasFailure.SIGNATURE);
        SasToken expiredElsewhere = SasToken.parse(SharedAccessSignature.create(KEY, DEVICE, 1, null));
        assertRefused(() -> expiredElsewhere.verify(KEY, "myhub.azure-devices.net/devices/dev2", NOW),
                SasFailure.SCOPE);
        assertRefused(() -> expiredElsewhere.verify(KEY, DEVICE, NOW), SasFailure.EXPIRED);
    }

    @Test
    void expiresWhenExpiryIsNotAfterNow() {
        SasToken token = SasToken.parse(SharedAccessSignature.create(KEY, DEVICE, 1_700_000_000L, null));
        assertThatCode(() -> token.verifyNotExpired(Instant.ofEpochSecond(1_699_999_999L, 999_999_999)))
                .doesNotThrowAnyException();
        assertRefused(() -> token.verifyNotExpired(Instant.ofEpochSecond(1_700_000_000L)), SasFailure.EXPIRED);
        assertRefused(() -> token.verifyNotExpired(Instant.ofEpochSecond(1_700_000_000L, 1)), SasFailure.EXPIRED);
    }

    @Test
    void coversByWholePathSegments() {
        SasResource token = SasToken.parse(SharedAccessSignature.create(KEY, "MYHUB.azure-devices.net%2Fdevices%2Fdev1", 1, null))
                .verifySignature(KEY);
        assertThat(token.covers(SasResource.parse(DEVICE))).isTrue();
        assertThat(token.covers(SasResource.parse(DEVICE + "/modules/m1"))).isTrue();
        assertThat(token.covers(SasResource.parse("myhub.azure-devices.net/devices/dev10"))).isFalse();
        assertThat(token.covers(SasResource.parse("myhub.azure-devices.net/devices/DEV1")))
                .as("ids are case-sensitive").isFalse();
        assertThat(token.covers(SasResource.parse("myhub.azure-devices.net/devices"))).isFalse();
        assertThat(token.covers(SasResource.parse("myhub.azure-devices.net"))).isFalse();
        assertThat(token.covers(SasResource.parse("otherhub.azure-devices.net/devices/dev1"))).isFalse();
        SasResource hub = SasToken.parse(SharedAccessSignature.create(KEY, "myhub.azure-devices.net", 1, "service"))
                .verifySignature(KEY);
        assertThat(hub.covers(SasResource.parse("myhub.azure-devices.net"))).isTrue();
        assertThat(hub.covers(SasResource.parse("MyHub.Azure-Devices.Net/devices/x/modules/y"))).isTrue();
        assertThat(hub.coversPath(java.util.List.of("devices", "x"))).isTrue();
    }

    @Test
    void theScopeIsTheResourceTheSignatureCoversNotTheReCasedOneSent() {
        // issue 13: signed over the lower-cased dev1, sent as DEV1
        String sig = PercentCoding.encode(SharedAccessSignature.sign(KEY, "myhub.azure-devices.net%2Fdevices%2Fdev1", 1_700_000_000L));
        SasToken token = SasToken.parse("SharedAccessSignature sr=myhub.azure-devices.net/devices/DEV1&sig=" + sig
                + "&se=1700000000");
        assertThat(token.resource()).isEqualTo("myhub.azure-devices.net/devices/DEV1");
        assertThat(token.verifySignature(KEY)).isEqualTo(SasResource.parse(DEVICE));
        assertThat(token.scopeSignedBy(OTHER_KEY)).isEmpty();
        assertRefused(() -> token.verify(KEY, "myhub.azure-devices.net/devices/DEV1", NOW), SasFailure.SCOPE);
        assertThatCode(() -> token.verify(KEY, DEVICE, NOW)).doesNotThrowAnyException();
        // signed as sent, DEV1 is DEV1's
        SasToken upper = SasToken.parse(SharedAccessSignature.create(KEY, "myhub.azure-devices.net/devices/DEV1", 1_700_000_000L,
                null));
        assertThat(upper.verifySignature(KEY).path()).containsExactly("devices", "DEV1");
        assertRefused(() -> upper.verify(KEY, DEVICE, NOW), SasFailure.SCOPE);
    }

    @Test
    void decodesTheResourceExactlyOnce() {
        // a device id with a percent sign, percent-encoded once as the SDKs do
        SasToken token = SasToken.parse(SharedAccessSignature.create(KEY, "h%2Fdevices%2Fa%2541", 1_700_000_000L, null));
        assertThat(token.resourcePath()).containsExactly("devices", "a%41");
        assertThatCode(() -> token.verify(KEY, "h/devices/a%41", NOW)).doesNotThrowAnyException();
        assertRefused(() -> token.verify(KEY, "h/devices/aA", NOW), SasFailure.SCOPE);
        SasToken unencoded = SasToken.parse(SharedAccessSignature.create(KEY, "h/devices/a%2541", 1_700_000_000L, null));
        assertThat(unencoded.verifySignature(KEY).path()).containsExactly("devices", "a%41");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "localhost%252Fdevices%252Fdev1",
        "localhost%2Fdevices%2Fa%zz",
        "localhost/devices/a%4",
        "localhost/devices/a%",
        "localhost/devices/%C3",
        "localhost/devices/%FF",
        "localhost/devices/%C0%AF",
        "localhost/devices/a%00b",
        "localhost/devices/a%0Ab",
        "localhost/devices/\u0085",
        "localhost/devices/\ud800",
        "",
        "/devices/dev1",
        "%2Fdevices%2Fdev1",
        "localhost//devices/dev1",
        "localhost/devices/",
        "localhost/devices//modules/m",
        "localhost%20/devices/dev1",
        "user@localhost/devices/dev1",
        "localhost%40otherhub/devices/dev1",
        "localhost%3F/devices/dev1",
        "local\u0127host"
    })
    void refusesAResourceThatLeavesAnyDoubt(String sr) {
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=" + sr + "&sig=x&se=1"))
                .isInstanceOfSatisfying(SasTokenException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SasFailure.MALFORMED);
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).startsWith("401002 IotHubUnauthorizedAccess: malformed SAS token: sr ");
                });
    }

    @Test
    void aResourceIsAValue() {
        EqualsVerifier.forClass(SasResource.class).withNonnullFields("host", "path").verify();
        SasResource resource = SasResource.parse("Hub:8443/devices/d1/modules/m1");
        assertThat(resource.host()).isEqualTo("Hub:8443");
        assertThat(resource.path()).containsExactly("devices", "d1", "modules", "m1");
        assertThat(resource).hasToString("Hub:8443/devices/d1/modules/m1");
        assertThat(SasResource.parse("[::1]")).hasToString("[::1]");
        assertThatThrownBy(() -> SasResource.parse("h/devices/")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty path segment");
        assertThatThrownBy(() -> SasResource.parse("h%2F/devices")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'%'");
    }

    @Test
    void decodesMultiByteEscapesAsUtf8() {
        SasToken token = SasToken.parse("SharedAccessSignature sr=h%2Fdevices%2F%C3%A9t%C3%A9&sig=x&se=1");
        assertThat(token.resourcePath()).containsExactly("devices", "\u00e9t\u00e9");
        assertThat(PercentCoding.encode("h/\u00e9 ~x")).isEqualTo("h%2F%C3%A9%20~x");
    }

    @Test
    void refusesKeysAndResourcesThatCannotMakeAToken() {
        assertThatThrownBy(() -> SharedAccessSignature.sign("not base64!", DEVICE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> SharedAccessSignature.sign("", DEVICE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SharedAccessSignature.create(KEY, "h/devices/a&b", 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signedResource").hasMessageContaining("&");
        assertThatThrownBy(() -> SharedAccessSignature.create(KEY, "h", 1, "a&b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyName");
        assertThatThrownBy(() -> SasToken.parse(SharedAccessSignature.create(KEY, DEVICE, 2, null)).verify("%%", DEVICE, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheSignature() {
        String text = SharedAccessSignature.create(KEY, DEVICE, 1_700_000_000L, "device");
        SasToken token = SasToken.parse(text);
        assertThat(token.toString()).isEqualTo("SasToken[sr=" + DEVICE + ", se=1700000000, skn=device]")
                .doesNotContain(token.signature());
        SasTokenException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> token.verify(OTHER_KEY, DEVICE, NOW), SasTokenException.class);
        assertThat(failure.getMessage()).contains("401002", DEVICE, "skn device")
                .doesNotContain(token.signature(), KEY, OTHER_KEY);
    }

    @Test
    void equalityComparesTheFieldsAsReceived() {
        EqualsVerifier.forClass(SasToken.class).withIgnoredFields("expiry", "sent").verify();
        String sig = PercentCoding.encode(SharedAccessSignature.sign(KEY, DEVICE, 5));
        assertThat(SasToken.parse("SharedAccessSignature se=5&sr=" + DEVICE + "&sig=" + sig))
                .isEqualTo(SasToken.parse(SharedAccessSignature.create(KEY, DEVICE, 5, null)))
                .isNotEqualTo(SasToken.parse(SharedAccessSignature.create(KEY, DEVICE, 5, "p")));
    }

    private static void assertRefused(ThrowingCallable call, SasFailure reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SasTokenException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).startsWith("401002 IotHubUnauthorizedAccess: ");
        });
    }
}
