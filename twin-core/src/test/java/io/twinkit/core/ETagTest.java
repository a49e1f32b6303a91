package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ETagTest {

    private static final ETag ONE = ETag.of("AAAAAAAAAAE=");

    @Test
    void counterEtagsAreBase64OfABigEndianLong() {
        assertThat(ETag.ofCounter(1).value()).isEqualTo("AAAAAAAAAAE=");
        assertThat(ETag.ofCounter(2).value()).isEqualTo("AAAAAAAAAAI=");
        assertThat(ETag.ofCounter(12).value()).isEqualTo("AAAAAAAAAAw=");
        assertThat(ETag.ofCounter(22).value()).isEqualTo("AAAAAAAAABY=");
        assertThat(ETag.ofCounter(0).value()).isEqualTo("AAAAAAAAAAA=");
        assertThat(ETag.ofCounter(1)).isEqualTo(ONE);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 12, 255, 256, 65_535, 22_446, 4_294_967_296L, Long.MAX_VALUE - 1, Long.MAX_VALUE})
    void counterRoundTrips(long counter) {
        ETag etag = ETag.ofCounter(counter);

        assertThat(etag.counter()).hasValue(counter);
        assertThat(ETag.of(etag.value())).isEqualTo(etag);
        assertThat(etag.value()).hasSize(12).endsWith("=");
    }

    @Test
    void negativeCountersAreRejected() {
        assertThatThrownBy(() -> ETag.ofCounter(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ETag.ofCounter(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "NTY3NzA5OTQz",    // a real deviceEtag: base64 of the ASCII text "567709943", 9 bytes
            "AAAAAAAAAA==",    // 7 bytes
            "AAAAAAAAAAAAAA==", // 10 bytes
            "not-base64!!",    // 12 characters, not base64
            "0x1",
            "W/abc",
            "AAAAAAAAAAF=",    // decodes to 8 bytes, but is not the canonical encoding of any counter
            "//////////8=",    // 8 bytes of a negative long: no counter produces it
            "gAAAAAAAAAA="})   // Long.MIN_VALUE
    void otherEtagsHaveNoCounter(String value) {
        assertThat(ETag.of(value).counter()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AAAAAAAAAAE=",
            "'  AAAAAAAAAAE=  '",
            "\"AAAAAAAAAAE=\"",
            "' \"AAAAAAAAAAE=\" '",
            "W/\"AAAAAAAAAAE=\"",
            "W/AAAAAAAAAAE=",
            "*",
            "\"*\"",
            "W/\"*\"",
            "' * '"})
    void ifMatchFormsThatMatch(String header) {
        assertThat(ONE.matchesIfMatch(header)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AAAAAAAAAAI=",
            "aaaaaaaaaae=",
            "\"AAAAAAAAAAI=\"",
            "W/\"AAAAAAAAAAI=\"",
            "\"\"AAAAAAAAAAE=\"\"",
            "\"AAAAAAAAAAE=",
            "AAAAAAAAAAE=\"",
            "w/\"AAAAAAAAAAE=\"",
            "''",
            "\"\"",
            "**",
            "AAAAAAAAAAE=, AAAAAAAAAAI="})
    void ifMatchFormsThatDoNotMatch(String header) {
        assertThat(ONE.matchesIfMatch(header)).isFalse();
    }

    @Test
    void missingIfMatchHeaderMatches() {
        assertThat(ONE.matchesIfMatch(null)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AAAAAAAAAAE=|AAAAAAAAAAE=",
            "' \"AAAAAAAAAAE=\" '|AAAAAAAAAAE=",
            "W/\"AAAAAAAAAAE=\"|AAAAAAAAAAE=",
            "\"*\"|*",
            "\"|\""})
    void normalizeIfMatchStripsWeakPrefixAndOnePairOfQuotes(String header, String bare) {
        assertThat(ETag.normalizeIfMatch(header)).isEqualTo(bare);
    }

    @Test
    void quotedAddsOnePairOfQuotes() {
        assertThat(ONE.quoted()).isEqualTo("\"AAAAAAAAAAE=\"");
        assertThat(ONE.matchesIfMatch(ONE.quoted())).isTrue();
        assertThat(ONE.toString()).isEqualTo("AAAAAAAAAAE=");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"AAAAAAAAAAE=\"|0",
            "AAAA\"AAAA|4",
            "'AAAA AAAA'|4",
            "AAAA\tAAAA|4",
            "AAAA\u0000B|4",
            "AAAA\u00A0B|4",
            "AAAA\u2007B|4",
            "'AAAA '|4"})
    void ofRejectsQuotesWhitespaceAndControlCharacters(String value, int index) {
        assertThatThrownBy(() -> ETag.of(value)).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("index " + index)
                .hasMessageContaining("without quotes");
    }

    @Test
    void ofRejectsEmptyAndNull() {
        assertThatThrownBy(() -> ETag.of("")).isInstanceOf(InvalidIdException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ETag.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsCaseSensitive() {
        assertThat(ETag.of("abc")).isEqualTo(ETag.of("abc")).hasSameHashCodeAs(ETag.of("abc"));
        assertThat(ETag.of("abc")).isNotEqualTo(ETag.of("ABC"));
    }
}
