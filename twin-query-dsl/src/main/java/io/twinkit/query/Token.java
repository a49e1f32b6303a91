package io.twinkit.query;

import io.twinkit.core.json.JsonNumber;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One token of query text, as {@link Lexer} reads it.
 *
 * @param kind what the token is
 * @param start the 0-based position of its first character
 * @param raw the text exactly as written (empty at the end of the query)
 * @param content a word as written, a bracketed segment without its brackets, or a string without quotes and
 *     escapes; {@code null} for other tokens
 * @param number the value of a number token, else {@code null}
 */
record Token(Kind kind, int start, String raw, @Nullable String content, @Nullable JsonNumber number) {

    private static final int DESCRIBED_LENGTH = 40;

    /** The kinds of token. */
    enum Kind {
        /** An identifier or keyword: {@code [A-Za-z_$][A-Za-z0-9_$]*}. */
        WORD,
        /** A bracketed segment, {@code [[raw text]]}. */
        SEGMENT,
        /** A quoted string. */
        STRING,
        /** A decimal or hexadecimal number, without sign. */
        NUMBER,
        /** An operator or punctuation, such as {@code (}, {@code <=} or {@code ,}. */
        SYMBOL,
        /** The end of the query. */
        END
    }

    /** Returns whether this is the symbol {@code symbol}. */
    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && raw.equals(symbol);
    }

    /** Returns whether this is the word {@code keyword}, ignoring case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && raw.equalsIgnoreCase(keyword);
    }

    /** Returns whether this is a word that must be bracketed as a path segment. */
    boolean isReservedWord() {
        return kind == Kind.WORD && SqlText.isReservedWord(raw);
    }

    /** Returns the word in upper case, for messages and lookups. */
    String upper() {
        return raw.toUpperCase(Locale.ROOT);
    }

    /** Returns how an error message names this token: quoted text, or {@code end of query}. */
    String describe() {
        if (kind == Kind.END) {
            return "end of query";
        }
        if (raw.length() <= DESCRIBED_LENGTH) {
            return "'" + SqlText.printable(raw) + "'";
        }
        int cut = Character.isHighSurrogate(raw.charAt(DESCRIBED_LENGTH - 1)) ? DESCRIBED_LENGTH - 1 : DESCRIBED_LENGTH;
        return "'" + SqlText.printable(raw.substring(0, cut)) + "...'";
    }
}
