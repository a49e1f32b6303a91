package io.twinkit.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check of a stored record catches a change of any character, of its key and of its map. */
class RecordSealTest {

    private static final String TEXT = "{\"deviceId\":\"d1\",\"etag\":\"AAAAAAAAAAE=\",\"tags\":{\"t\":\"\u00e9\ud83d\ude00\"}}";

    @Test
    void aSealedRecordOpensToItsText() {
        String sealed = RecordSeal.seal("twins", "d1", TEXT);
        assertThat(sealed).hasSize(TEXT.length() + RecordSeal.LENGTH).endsWith(TEXT).matches("^[0-9a-f]{8}.*");
        assertThat(RecordSeal.open("twins", "d1", sealed)).isEqualTo(TEXT);
        assertThat(RecordSeal.open("twins", "d1", RecordSeal.seal("twins", "d1", ""))).isEmpty();
    }

    @Test
    void everyChangedCharacterFailsTheCheck() {
        String sealed = RecordSeal.seal("twins", "d1", TEXT);
        for (int i = 0; i < sealed.length(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                char[] chars = sealed.toCharArray();
                chars[i] ^= (char) (1 << bit);
                assertThat(RecordSeal.open("twins", "d1", new String(chars)))
                        .as("bit %d of character %d changed", bit, i).isNull();
            }
        }
    }

    @Test
    void anotherKeyOrMapOrAShortOrUpperCaseCheckFails() {
        String sealed = RecordSeal.seal("twins", "d1", TEXT);
        assertThat(RecordSeal.open("twins", "d2", sealed)).isNull();
        assertThat(RecordSeal.open("identities", "d1", sealed)).isNull();
        assertThat(RecordSeal.open("twins", "d1", sealed.substring(0, 7))).isNull();
        assertThat(RecordSeal.open("twins", "d1", TEXT)).isNull();
        assertThat(RecordSeal.open("twins", "d1", sealed.substring(0, 8).toUpperCase() + TEXT))
                .isEqualTo(sealed.equals(sealed.toLowerCase()) && sealed.substring(0, 8).matches("[0-9]{8}") ? TEXT
                        : null);
    }
}
