package io.twinkit.emulator.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.SharedAccessSignature;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SasTokenPropertiesTest {

    private static final String BASE64_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

    @Property(tries = 300)
    void createdTokensParseAndVerify(@ForAll @Size(min = 1, max = 64) byte[] keyBytes,
                                     @ForAll("resources") String resource, @ForAll boolean encode,
                                     @ForAll @LongRange(min = 1, max = 4_102_444_800L) long expiry) {
        String key = Base64.getEncoder().encodeToString(keyBytes);
        // un-encoded, a literal percent would read as an escape, so only it is escaped, as the Java device SDK does
        String sr = encode ? PercentCoding.encode(resource) : resource.replace("%", "%25");
        SasToken token = SasToken.parse(SharedAccessSignature.create(key, sr, expiry, null));

        assertThat(token.signedResource()).isEqualTo(sr);
        assertThat(token.resource()).isEqualTo(resource);
        assertThat(token.expiry()).isEqualTo(expiry);
        assertThat(token.signature()).isEqualTo(SharedAccessSignature.sign(key, sr, expiry));
        token.verify(key, resource, Instant.ofEpochSecond(expiry - 1));
        token.verify(key, resource + "/modules/m", Instant.ofEpochSecond(expiry - 1));
        assertThatThrownBy(() -> token.verify(key, resource, Instant.ofEpochSecond(expiry)))
                .isInstanceOfSatisfying(SasTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(SasFailure.EXPIRED));
    }

    @Property(tries = 300)
    void anySingleCharacterChangeOfTheSignatureIsRefused(@ForAll @Size(min = 1, max = 64) byte[] keyBytes,
                                                         @ForAll("resources") String resource,
                                                         @ForAll @IntRange(min = 0, max = 43) int position,
                                                         @ForAll("replacements") char replacement) {
        String key = Base64.getEncoder().encodeToString(keyBytes);
        String sr = resource.replace("%", "%25");
        String sig = SharedAccessSignature.sign(key, sr, 4_000_000_000L);
        if (sig.charAt(position) == replacement) {
            return;
        }
        String changed = sig.substring(0, position) + replacement + sig.substring(position + 1);
        SasToken token = SasToken.parse("SharedAccessSignature sr=" + sr + "&sig="
                + PercentCoding.encode(changed) + "&se=4000000000");
        assertThat(token.signature()).isEqualTo(changed);
        assertThatThrownBy(() -> token.verify(key, resource, Instant.EPOCH))
                .isInstanceOfSatisfying(SasTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(SasFailure.SIGNATURE));
    }

    @Provide
    Arbitrary<String> resources() {
        Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-.")
                .ofMinLength(1).ofMaxLength(30).map(h -> h + ".azure-devices.net");
        Arbitrary<String> id = Arbitraries.strings().alpha().numeric().withChars("-.%_*?!(),:=@$'")
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> device = Combinators.combine(host, id).as((h, d) -> h + "/devices/" + d);
        Arbitrary<String> module = Combinators.combine(device, id).as((d, m) -> d + "/modules/" + m);
        return Arbitraries.oneOf(host, device, module);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(Arbitraries.of(BASE64_ALPHABET.chars().mapToObj(c -> (char) c).toList()),
                Arbitraries.chars().range(' ', '~'), Arbitraries.chars().range('\u00a0', '\u2fff'));
    }
}
