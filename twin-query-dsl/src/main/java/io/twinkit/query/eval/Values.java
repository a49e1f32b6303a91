package io.twinkit.query.eval;

import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.ComparisonOperator;
import org.jspecify.annotations.Nullable;

/** The comparison rules of the query language, on values that may be undefined ({@code null}). */
final class Values {

    private Values() {
    }

    /**
     * Returns the truth of {@code left op right}: numbers compare numerically and strings by code point; booleans and
     * nulls support only {@code =} and {@code !=}; anything else, including undefined, objects and arrays, is
     * undefined.
     */
    static int compare(@Nullable JsonValue left, ComparisonOperator op, @Nullable JsonValue right) {
        if (left instanceof JsonNumber a && right instanceof JsonNumber b) {
            return ordered(op, a.compareTo(b));
        }
        if (left instanceof JsonString a && right instanceof JsonString b) {
            if (op == ComparisonOperator.EQUAL || op == ComparisonOperator.NOT_EQUAL) {
                return equality(op, a.value().equals(b.value()));
            }
            return ordered(op, compareCodePoints(a.value(), b.value()));
        }
        if (left instanceof JsonBoolean a && right instanceof JsonBoolean b) {
            return equality(op, a == b);
        }
        if (left instanceof JsonNull && right instanceof JsonNull) {
            return equality(op, true);
        }
        return Node.UNDEFINED;
    }

    private static int equality(ComparisonOperator op, boolean equal) {
        return switch (op) {
            case EQUAL -> equal ? Node.TRUE : Node.FALSE;
            case NOT_EQUAL -> equal ? Node.FALSE : Node.TRUE;
            default -> Node.UNDEFINED;
        };
    }

    private static int ordered(ComparisonOperator op, int c) {
        boolean result = switch (op) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case LESS -> c < 0;
            case LESS_OR_EQUAL -> c <= 0;
            case GREATER -> c > 0;
            case GREATER_OR_EQUAL -> c >= 0;
        };
        return result ? Node.TRUE : Node.FALSE;
    }

    /**
     * Compares two strings by Unicode code point, as the service does: unlike {@link String#compareTo}, a supplementary
     * character (a surrogate pair) sorts after every BMP character, U+FFFF included.
     */
    static int compareCodePoints(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return codePointOrder(x) - codePointOrder(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    // Moves the surrogates (D800-DFFF) above E000-FFFF so that unit order becomes code point order; strings agree up
    // to here, so two differing units are either both leads, both trails, or a lead against a BMP character.
    private static int codePointOrder(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
