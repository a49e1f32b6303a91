package io.twinkit.emulator.internal.security;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Percent-encoding as SAS tokens use it: RFC 3986 unreserved characters stay, everything else is escaped. */
final class PercentCoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    /** Escapes every UTF-8 byte except {@code A-Z a-z 0-9 - _ . ~}, with uppercase hex. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes (either hex case) as UTF-8. A {@code %} not followed by two hex digits stays as it
     * is, and {@code +} stays a plus: tokens are not form-encoded, and a base64 signature holds literal pluses.
     */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && hex(text, i + 1) >= 0 && hex(text, i + 2) >= 0) {
                bytes.write(hex(text, i + 1) << 4 | hex(text, i + 2));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Decodes {@code %XX} escapes (either hex case) as UTF-8, strictly: every {@code %} must start an escape and the
     * bytes must be well-formed UTF-8. A {@code +} stays a plus. Used for a token's {@code sr}, which is decoded once
     * and must leave no doubt about what it names.
     *
     * @throws IllegalArgumentException naming the problem: a {@code %} without two hex digits, bytes that are not
     *     UTF-8, or an unpaired surrogate
     */
    static String decodeStrictly(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (hex(text, i + 1) < 0 || hex(text, i + 2) < 0) {
                    throw new IllegalArgumentException("'%' at index " + i + " is not followed by two hex digits");
                }
                bytes.write(hex(text, i + 1) << 4 | hex(text, i + 2));
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                if (Character.getType(cp) == Character.SURROGATE) {
                    throw new IllegalArgumentException("it holds an unpaired surrogate at index " + i);
                }
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("its escapes are not UTF-8", e);
        }
    }

    private static int hex(String text, int index) {
        if (index >= text.length()) {
            return -1;
        }
        char c = text.charAt(index);
        // Character.digit would also accept non-ASCII digits such as U+0663
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
