package io.twinkit.core;

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
        return codePoint <= 0x1F || (codePoint >= 0x7F && codePoint <= 0x9F);
    }

    /**
     * Returns whether {@code codePoint} is in the Unicode {@code White_Space} set, which unlike
     * {@link Character#isWhitespace(int)} includes the no-break spaces.
     */
    public static boolean isWhitespace(int codePoint) {
        if (codePoint <= 0x20) {
            return codePoint == 0x20 || (codePoint >= 0x09 && codePoint <= 0x0D);
        }
        if (codePoint < 0x85) {
            return false;
        }
        return codePoint == 0x85 || codePoint == 0xA0 || codePoint == 0x1680
                || (codePoint >= 0x2000 && codePoint <= 0x200A)
                || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x202F || codePoint == 0x205F
                || codePoint == 0x3000;
    }

    /** Returns whether {@code codePoint} may not appear in a key: a control or whitespace character, {@code . $ #}. */
    public static boolean isForbiddenInKey(int codePoint) {
        return codePoint == '.' || codePoint == '$' || codePoint == '#' || isControl(codePoint)
                || isWhitespace(codePoint);
    }

    /** Returns the index of the first character of {@code key} that a key may not hold, or {@code -1}. */
    public static int firstForbiddenIndex(String key) {
        for (int i = 0; i < key.length(); i = key.offsetByCodePoints(i, 1)) {
            if (isForbiddenInKey(key.codePointAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
