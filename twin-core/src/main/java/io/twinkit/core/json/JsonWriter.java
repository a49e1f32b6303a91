package io.twinkit.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes values as compact UTF-8 JSON through Jackson's streaming generator: non-ASCII unescaped, except in a string
 * or member name that holds an unpaired UTF-16 surrogate. JSON text can spell such a surrogate only as an escape, and
 * Jackson's UTF-8 writer, given one, merges it with the next char into a different character (a string of D800 0061
 * came out as D800 DC61), so such a string is written with escapes for its non-ASCII chars: everything read writes
 * back as text that reads as the same value.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    static byte[] toBytes(JsonValue value) {
        BufferRecycler recycler = JsonText.FACTORY._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = JsonText.FACTORY.createGenerator(bytes)) {
                write(generator, value);
            }
            byte[] result = bytes.toByteArray();
            bytes.release();
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        } finally {
            recycler.releaseToPool();
        }
    }

    static String toText(JsonValue value) {
        return new String(toBytes(value), StandardCharsets.UTF_8);
    }

    static void write(JsonValue value, OutputStream out) {
        try (JsonGenerator generator = JsonText.FACTORY.createGenerator(out)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON failed", e);
        }
    }

    private static void write(JsonGenerator generator, JsonValue value) throws IOException {
        // instanceof tests on the final value classes, most frequent first, rather than a switch on type(): one call
        // site sees every value class, and the interface call would not be inlined
        if (value instanceof JsonString string) {
            String text = string.value();
            if (hasUnpairedSurrogate(text)) {
                int limit = escapeNonAscii(generator);
                generator.writeString(text);
                generator.setHighestNonEscapedChar(limit);
            } else {
                generator.writeString(text);
            }
        } else if (value instanceof JsonObject object) {
            int size = object.size();
            generator.writeStartObject(object, size);
            for (int i = 0; i < size; i++) {
                String name = object.keyAt(i);
                if (hasUnpairedSurrogate(name)) {
                    int limit = escapeNonAscii(generator);
                    generator.writeFieldName(name);
                    generator.setHighestNonEscapedChar(limit);
                } else {
                    generator.writeFieldName(name);
                }
                write(generator, object.valueAt(i));
            }
            generator.writeEndObject();
        } else if (value instanceof JsonNumber number) {
            if (!number.isIntegral()) {
                generator.writeNumber(number.doubleValue());
            } else if (number.fitsInLong()) {
                generator.writeNumber(number.longValue());
            } else {
                generator.writeNumber(number.bigIntegerValueOrNull());
            }
        } else if (value instanceof JsonBoolean bool) {
            generator.writeBoolean(bool.value());
        } else if (value instanceof JsonArray array) {
            int size = array.size();
            generator.writeStartArray(array, size);
            for (int i = 0; i < size; i++) {
                write(generator, array.get(i));
            }
            generator.writeEndArray();
        } else {
            generator.writeNull();
        }
    }

    /** Returns whether {@code text} holds a UTF-16 surrogate that is not part of a high-low pair. */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes {@code generator} escape every non-ASCII char one by one, so that an unpaired surrogate is written as its
     * own escape, and returns the previous setting to restore.
     */
    private static int escapeNonAscii(JsonGenerator generator) {
        int previous = generator.getHighestEscapedChar();
        generator.setHighestNonEscapedChar(0x7F);
        return previous;
    }
}
