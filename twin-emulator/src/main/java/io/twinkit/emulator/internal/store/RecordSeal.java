package io.twinkit.emulator.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The integrity check of a stored record: a CRC32C over the name of its map, its key and its text, kept as eight
 * lower-case hex digits in front of the text. A record whose bytes changed on the disk (a flipped bit, a page of
 * another version) no longer matches its check, whichever of map, key or text changed.
 */
final class RecordSeal {

    /** The length of the check in front of the text. */
    static final int LENGTH = 8;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RecordSeal() {
    }

    /** Returns {@code text} with its check in front, as stored under {@code key} in map {@code map}. */
    static String seal(String map, String key, String text) {
        int crc = crc(map, key, text);
        char[] sealed = new char[LENGTH + text.length()];
        for (int i = 0; i < LENGTH; i++) {
            sealed[i] = HEX[(crc >>> (28 - 4 * i)) & 0xf];
        }
        text.getChars(0, text.length(), sealed, LENGTH);
        return new String(sealed);
    }

    /**
     * Returns the text of {@code sealed}, stored under {@code key} in map {@code map}, or {@code null} if it fails
     * its check.
     */
    static @Nullable String open(String map, String key, String sealed) {
        if (sealed.length() < LENGTH) {
            return null;
        }
        int stored = 0;
        for (int i = 0; i < LENGTH; i++) {
            int digit = Character.digit(sealed.charAt(i), 16);
            if (digit < 0 || Character.isUpperCase(sealed.charAt(i))) {
                return null;
            }
            stored = stored << 4 | digit;
        }
        String text = sealed.substring(LENGTH);
        return crc(map, key, text) == stored ? text : null;
    }

    private static int crc(String map, String key, String text) {
        CRC32C crc = new CRC32C();
        crc.update(map.getBytes(StandardCharsets.UTF_8));
        crc.update('\n');
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        crc.update('\n');
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
