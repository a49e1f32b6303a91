package io.twinkit.core.validation;

import io.twinkit.core.KeyRules;

/**
 * The character arithmetic of the twin rules: UTF-8 lengths without encoding, the "characters" of the size
 * algorithm, with the key alphabet of {@link KeyRules}. Everything works on UTF-16 units directly so that the success path allocates
 * nothing.
 */
final class Chars {

    /** Returned by {@link #scanKey} in place of a count when the key holds a forbidden character. */
    static final int NONE = -1;

    private Chars() {
    }

    /**
     * Returns the number of UTF-8 bytes {@code s} encodes to. A surrogate pair is one 4-byte code point; an unpaired
     * surrogate counts 3 bytes, as its own code unit would take, so a malformed string is never under-counted.
     */
    static long utf8Length(String s) {
        int length = s.length();
        long bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (isPairAt(s, i)) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Whether {@code s} may need more than {@code limit} UTF-8 bytes; false means it certainly fits. */
    static boolean mayExceed(String s, int limit) {
        // a UTF-16 unit never takes more than 3 UTF-8 bytes (a pair takes 4 for 2 units)
        return (long) s.length() * 3 > limit;
    }

    /**
     * Returns the characters of {@code s} as the size algorithm counts them: code points, not counting control
     * characters.
     */
    static int sizeChars(String s) {
        int length = s.length();
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0xA0) {
                if (c >= 0x20 && c < 0x7F) {
                    count++;
                }
            } else {
                count++;
                if (isPairAt(s, i)) {
                    i++;
                }
            }
        }
        return count;
    }

    /**
     * Scans a non-empty key: returns its character count (code points; a valid key holds no control character) or,
     * when it holds a forbidden character, {@code -(index + 1)} for the index of the first one.
     */
    static int scanKey(String key) {
        int length = key.length();
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c > 0x20 && c < 0x7F) {
                if (c == '.' || c == '$' || c == '#') {
                    return -(i + 1);
                }
            } else if (isPairAt(key, i)) {
                i++;
            } else if (KeyRules.isForbiddenInKey(c)) {
                return -(i + 1);
            }
            count++;
        }
        return count;
    }

    /** Whether a surrogate pair, one supplementary code point, starts at {@code i}. */
    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Returns the form {@code U+00A0} of a code point. */
    static String codePointName(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /**
     * Returns {@code s} fit for an error message: control characters and every whitespace character other than the
     * plain space become a {@code \}{@code u} escape with four hex digits (a newline becomes {@code \}{@code u000A}),
     * so that a message stays on one line and shows what is invisible.
     */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && (KeyRules.isControl(c) || KeyRules.isWhitespace(c))) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
