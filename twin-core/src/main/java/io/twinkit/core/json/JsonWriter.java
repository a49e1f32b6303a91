package io.twinkit.core.json;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Writes values as compact UTF-8 JSON through Jackson's streaming generator: non-ASCII unescaped, except in a string
 * or member name that holds an unpaired UTF-16 surrogate. JSON text can spell such a surrogate only as an escape, and
 * Jackson's UTF-8 writer, given one, merges it with the next char into a different character (a string of D800 0061
 * came out as D800 DC61), so such a string is written with escapes for its non-ASCII chars: everything read writes
 * back as text that reads as the same value.
 *
 * <p>What makes it fast, for the service's twins of a few KB: {@link #toBytes} has the generator encode into a
 * per-thread buffer large enough for the whole document and copies the result out once (no chain of growing blocks
 * to join); member names that keep coming back ({@code $lastUpdated}, the twin's root fields, a fleet's tag names)
 * are written from their UTF-8 form encoded once ({@link NameCache}).
 */
final class JsonWriter {

    /** The smallest per-thread output buffer; it grows to fit the largest document written, up to the cap. */
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int BUFFER_CAP = 512 * 1024;
    private static final ThreadLocal<@Nullable SoftReference<byte[]>> BUFFERS = new ThreadLocal<>();

    private JsonWriter() {
    }

    static byte[] toBytes(JsonValue value) {
        JsonFactory factory = JsonText.FACTORY;
        byte[] buffer = buffer();
        Capture out = new Capture();
        IOContext context = new IOContext(factory.streamReadConstraints(), factory.streamWriteConstraints(),
                ErrorReportConfiguration.defaults(), factory._getBufferRecycler(), ContentReference.rawReference(out),
                false);
        // the generator the factory would make, but encoding into the thread's buffer, which it does not recycle
        try (JsonGenerator generator = new UTF8JsonGenerator(context, factory.getGeneratorFeatures(), null, out, '"',
                buffer, 0, false)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        if (out.size > buffer.length && out.size <= BUFFER_CAP) {
            BUFFERS.set(new SoftReference<>(new byte[out.size]));
        }
        return out.toByteArray();
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

    private static byte[] buffer() {
        SoftReference<byte[]> reference = BUFFERS.get();
        byte[] buffer = reference == null ? null : reference.get();
        if (buffer == null) {
            buffer = new byte[BUFFER_SIZE];
            BUFFERS.set(new SoftReference<>(buffer));
        }
        return buffer;
    }

    private static void write(JsonGenerator generator, JsonValue value) throws IOException {
        // instanceof tests on the final value classes, most frequent first, rather than a switch on type(): one call
        // site sees every value class, and the interface call would not be inlined
        if (value instanceof JsonString string) {
            writeString(generator, string.value());
        } else if (value instanceof JsonObject object) {
            int size = object.size();
            generator.writeStartObject(object, size);
            for (int i = 0; i < size; i++) {
                writeName(generator, object.keyAt(i));
                write(generator, object.valueAt(i));
            }
            generator.writeEndObject();
        } else if (value instanceof JsonNumber number) {
            if (!number.isIntegral()) {
                generator.writeNumber(number.doubleValue());
            } else if (number.fitsInLong()) {
                long integer = number.longValue();
                if ((int) integer == integer) {
                    generator.writeNumber((int) integer);
                } else {
                    generator.writeNumber(integer);
                }
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

    private static void writeName(JsonGenerator generator, String name) throws IOException {
        SerializableString known = NameCache.lookup(name);
        if (known != null) {
            generator.writeFieldName(known);
        } else if (hasUnpairedSurrogate(name)) {
            int limit = escapeNonAscii(generator);
            generator.writeFieldName(name);
            generator.setHighestNonEscapedChar(limit);
        } else {
            NameCache.offer(name);
            generator.writeFieldName(name);
        }
    }

    private static void writeString(JsonGenerator generator, String text) throws IOException {
        if (hasUnpairedSurrogate(text)) {
            int limit = escapeNonAscii(generator);
            generator.writeString(text);
            generator.setHighestNonEscapedChar(limit);
        } else {
            generator.writeString(text);
        }
    }

    /** Returns whether {@code text} holds a UTF-16 surrogate that is not part of a high-low pair. */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
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

    /**
     * The UTF-8 form of member names that keep coming back, shared by every thread: a fixed table of at most
     * {@link #SLOTS} names, each slot keeping the last name offered to it and, once the same name is offered again,
     * its encoded form. A name seen once costs one reference store; names that do not repeat never allocate, and a
     * slot taken by one name is taken over by another only when that one comes back twice in a row. Names with an
     * unpaired surrogate are never offered. Racy by design: slots hold immutable objects, and a lost update only
     * means encoding a name once more.
     */
    private static final class NameCache {

        private static final int SLOTS = 1024;
        private static final @Nullable String[] OFFERED = new String[SLOTS];
        private static final @Nullable Entry[] ENTRIES = new Entry[SLOTS];

        private NameCache() {
        }

        /** A cached name and its encoded form. */
        private record Entry(String name, SerializedString encoded) {
        }

        static @Nullable SerializableString lookup(String name) {
            Entry entry = ENTRIES[slot(name)];
            if (entry != null && (entry.name == name || entry.name.equals(name))) {
                return entry.encoded;
            }
            return null;
        }

        static void offer(String name) {
            int slot = slot(name);
            String offered = OFFERED[slot];
            if (offered != null && (offered == name || offered.equals(name))) {
                SerializedString encoded = new SerializedString(name);
                encoded.asQuotedUTF8(); // encode now, once, rather than on first use by some thread
                ENTRIES[slot] = new Entry(name, encoded);
            } else {
                OFFERED[slot] = name;
            }
        }

        private static int slot(String name) {
            int hash = name.hashCode();
            return (hash ^ (hash >>> 16)) & (SLOTS - 1);
        }
    }

    /** Collects what the generator writes: one copy of the buffer when the document fits in it. */
    private static final class Capture extends OutputStream {
        private byte @Nullable [] bytes;
        private int size;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] chunk, int offset, int length) {
            byte[] current = bytes;
            if (current == null) {
                bytes = Arrays.copyOfRange(chunk, offset, offset + length);
            } else {
                if (size + length > current.length) {
                    current = Arrays.copyOf(current, Math.max(size + length, current.length * 2));
                    bytes = current;
                }
                System.arraycopy(chunk, offset, current, size, length);
            }
            size += length;
        }

        byte[] toByteArray() {
            byte[] current = bytes;
            if (current == null) {
                return new byte[0];
            }
            return current.length == size ? current : Arrays.copyOf(current, size);
        }
    }
}
