package io.twinkit.core.validation;

/**
 * The character rules of twin keys, for code that must agree with them, such as query path rendering: a key holds
 * no control character (U+0000–U+001F, U+007F–U+009F), no Unicode {@code White_Space} character, and none of
 * {@code . $ #}.
 */
public final class KeyRules {

    private KeyRules() {
    }

    /** Returns whether {@code codePoint} is a control character (the set of {@link Character#isISOControl(int)}). */
    public static boolean isControl(int codePoint) {
        return Chars.isControl(codePoint);
    }

    /**
     * Returns whether {@code codePoint} is in the Unicode {@code White_Space} set, which unlike
     * {@link Character#isWhitespace(int)} includes the no-break spaces.
     */
    public static boolean isWhitespace(int codePoint) {
        return Chars.isWhitespace(codePoint);
    }

    /** Returns whether {@code codePoint} may not appear in a key: a control or whitespace character, {@code . $ #}. */
    public static boolean isForbiddenInKey(int codePoint) {
        return Chars.isForbiddenInKey(codePoint);
    }

    /** Returns the index of the first character of {@code key} that a key may not hold, or {@code -1}. */
    public static int firstForbiddenIndex(String key) {
        int scanned = Chars.scanKey(key);
        return scanned < 0 ? -scanned - 1 : -1;
    }
}
