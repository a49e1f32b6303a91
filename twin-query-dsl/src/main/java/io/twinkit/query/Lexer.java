package io.twinkit.query;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.KeyRules;
import io.twinkit.query.Token.Kind;
import java.math.BigInteger;

/**
 * Splits query text into {@link Token}s, one at a time, so that a syntax error earlier in the text is reported
 * before a lexical one later. Strings are unescaped here and numbers are read into their values. A minus sign
 * directly between two characters of a word ({@code key-4c5a}, {@code a-5}: no space on either side) belongs to the
 * word, as in the keys the SDKs' e2e tests query on real hubs ({@code properties.desired.KeyQuery<uuid>}); every
 * other minus sign is a token of its own, since only the parser can tell subtraction ({@code a - b}) from a
 * negative number.
 */
final class Lexer {

    private static final String BAD_ESCAPE = "an escape (\\', \\\", \\\\ or \\uHHHH)";

    private final String sql;
    private int pos;

    Lexer(String sql) {
        this.sql = sql;
    }

    /** Returns the next token; at the end of the text, an {@link Kind#END} token, again on every call. */
    Token next() {
        while (pos < sql.length() && KeyRules.isWhitespace(sql.charAt(pos))) {
            pos++;
        }
        if (pos >= sql.length()) {
            return new Token(Kind.END, sql.length(), "", null, null);
        }
        int start = pos;
        char c = sql.charAt(pos);
        if (isWordStart(c)) {
            while (pos < sql.length() && (isWordPart(sql.charAt(pos)) || isHyphenInWord(pos))) {
                pos++;
            }
            String word = sql.substring(start, pos);
            return new Token(Kind.WORD, start, word, word, null);
        }
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return string(start, c);
        }
        if (sql.startsWith("[[", pos)) {
            return segment(start);
        }
        for (String symbol : new String[] {"<=", ">=", "<>", "!="}) {
            if (sql.startsWith(symbol, pos)) {
                pos += 2;
                return new Token(Kind.SYMBOL, start, symbol, null, null);
            }
        }
        if ("()[],.*+-/%=<>".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, start, String.valueOf(c), null, null);
        }
        throw new QuerySyntaxException(start, c == '!' ? "!=" : "a keyword, path, literal or operator",
                describeCharAt(start));
    }

    private Token number(int start) {
        if (sql.startsWith("0x", pos) || sql.startsWith("0X", pos)) {
            pos += 2;
            int digits = pos;
            while (pos < sql.length() && Character.digit(sql.charAt(pos), 16) >= 0 && sql.charAt(pos) < 128) {
                pos++;
            }
            if (pos == digits) {
                throw new QuerySyntaxException(pos, "a hexadecimal digit", describeCharAt(pos));
            }
            checkNumberEnd();
            BigInteger value = new BigInteger(sql.substring(digits, pos), 16);
            return new Token(Kind.NUMBER, start, sql.substring(start, pos), null, JsonNumber.of(value));
        }
        skipDigits();
        boolean integral = true;
        if (pos + 1 < sql.length() && sql.charAt(pos) == '.' && isDigit(sql.charAt(pos + 1))) {
            integral = false;
            pos++;
            skipDigits();
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= sql.length() || !isDigit(sql.charAt(pos))) {
                throw new QuerySyntaxException(pos, "the digits of an exponent", describeCharAt(pos));
            }
            skipDigits();
        }
        checkNumberEnd();
        String raw = sql.substring(start, pos);
        if (integral) {
            return new Token(Kind.NUMBER, start, raw, null, JsonNumber.of(new BigInteger(raw)));
        }
        double value = Double.parseDouble(raw);
        if (Double.isInfinite(value)) {
            throw new QuerySyntaxException(start, "a number within the range of a double", "'" + raw + "'");
        }
        return new Token(Kind.NUMBER, start, raw, null, JsonNumber.of(value));
    }

    private void checkNumberEnd() {
        // 3abc is neither a number nor a path; reading it as 3 followed by abc would hide the typo
        if (pos < sql.length() && isWordPart(sql.charAt(pos))) {
            throw new QuerySyntaxException(pos, "a space or operator after the number", describeCharAt(pos));
        }
    }

    private void skipDigits() {
        while (pos < sql.length() && isDigit(sql.charAt(pos))) {
            pos++;
        }
    }

    private Token string(int start, char quote) {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= sql.length()) {
                throw new QuerySyntaxException(sql.length(), "the closing " + quote + " of the string opened at "
                        + start, "end of query");
            }
            char c = sql.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Kind.STRING, start, sql.substring(start, pos), out.toString(), null);
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= sql.length()) {
                throw new QuerySyntaxException(sql.length(), "the closing " + quote + " of the string opened at "
                        + start, "end of query");
            }
            char escaped = sql.charAt(pos + 1);
            if (escaped == '\'' || escaped == '"' || escaped == '\\') {
                out.append(escaped);
                pos += 2;
            } else if (escaped == 'u' && hasHex(pos + 2, 4)) {
                out.append((char) Integer.parseInt(sql.substring(pos + 2, pos + 6), 16));
                pos += 6;
            } else {
                int end = escaped == 'u' ? Math.min(sql.length(), pos + 6) : pos + 2;
                throw new QuerySyntaxException(pos, BAD_ESCAPE,
                        "'" + SqlText.printable(sql.substring(pos, end)) + "'");
            }
        }
    }

    private boolean hasHex(int from, int count) {
        if (from + count > sql.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = sql.charAt(i);
            if (c >= 128 || Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private Token segment(int start) {
        int end = sql.indexOf("]]", start + 2);
        if (end < 0) {
            throw new QuerySyntaxException(sql.length(), "]] to close the segment opened at " + start,
                    "end of query");
        }
        pos = end + 2;
        return new Token(Kind.SEGMENT, start, sql.substring(start, pos), sql.substring(start + 2, end), null);
    }

    /** Returns whether the character at {@code index}, inside a word, is a {@code -} that a word character follows. */
    private boolean isHyphenInWord(int index) {
        return sql.charAt(index) == '-' && index + 1 < sql.length() && isWordPart(sql.charAt(index + 1));
    }

    private String describeCharAt(int index) {
        if (index >= sql.length()) {
            return "end of query";
        }
        return "'" + SqlText.printable(new String(Character.toChars(sql.codePointAt(index)))) + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
