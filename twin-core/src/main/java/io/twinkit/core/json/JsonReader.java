package io.twinkit.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.twinkit.core.error.TwinJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document from Jackson's streaming parser into immutable values, with no intermediate tree.
 *
 * <p>Members and elements are collected on one stack per document, shared by every level, and each object or array
 * is made from an exactly sized copy of its part of the stack when it ends: no builder, no growing list and no
 * spare capacity per value. Objects with the same member names in the same order (the {@code $metadata} nodes of a
 * twin) share one array of names. A repeated member name fails at the repeated name, found by a scan of the hash
 * codes of the object's members so far, or through a hash table of them once the object has more than
 * {@link #SCAN_LIMIT} members. Nothing is returned for input that fails.
 */
final class JsonReader {

    /** The most members an object may have before its names are looked up through a hash table. */
    private static final int SCAN_LIMIT = 16;
    private static final int INITIAL_STACK = 128;
    private static final int SHAPES = 64;

    private final JsonParser parser;
    // the names of the members on the stack and their hash codes; null and 0 for array elements
    private @Nullable String[] names = new String[INITIAL_STACK];
    private int[] hashes = new int[INITIAL_STACK];
    private @Nullable JsonValue[] values = new JsonValue[INITIAL_STACK];
    private int top;
    // the name arrays of objects read so far, by the hash of their names: objects of one shape (the $metadata nodes
    // of a twin) share one array, which nobody changes
    private final String[][] shapes = new String[SHAPES][];

    private JsonReader(JsonParser parser) {
        this.parser = parser;
    }

    static JsonValue read(String json) {
        try (JsonParser parser = JsonText.FACTORY.createParser(json)) {
            return new JsonReader(parser).document();
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    static JsonValue read(byte[] json) {
        try (JsonParser parser = JsonText.FACTORY.createParser(json)) {
            return new JsonReader(parser).document();
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    static JsonValue read(InputStream json) {
        try (JsonParser parser = JsonText.FACTORY.createParser(json)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return new JsonReader(parser).document();
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    static JsonValue read(Reader json) {
        try (JsonParser parser = JsonText.FACTORY.createParser(json)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return new JsonReader(parser).document();
        } catch (IOException e) {
            throw rethrow(e);
        }
    }

    /** Returns {@code value} as an object, or fails as a document that is not one. */
    static JsonObject requireObject(JsonValue value) {
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new TwinJsonException("expected a JSON object but found " + value.type(), "");
    }

    private static RuntimeException rethrow(IOException e) {
        if (e instanceof JsonProcessingException) {
            return JsonText.failure(e);
        }
        return new UncheckedIOException("reading JSON failed", e);
    }

    private JsonValue document() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new TwinJsonException("no JSON content: the input is empty", 1, 1, "", null);
        }
        JsonValue value = value(token);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new TwinJsonException("unexpected content after the end of the JSON value: " + trailing,
                    at.getLineNr(), at.getColumnNr(), "", null);
        }
        return value;
    }

    private JsonValue value(JsonToken token) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT:
                return object();
            case JsonTokenId.ID_STRING:
                return JsonString.of(parser.getText());
            case JsonTokenId.ID_NUMBER_INT:
                return integer();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return floating();
            case JsonTokenId.ID_START_ARRAY:
                return array();
            case JsonTokenId.ID_TRUE:
                return JsonBoolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return JsonBoolean.FALSE;
            case JsonTokenId.ID_NULL:
                return JsonNull.INSTANCE;
            default:
                // a text parser hands out nothing else where a value starts; kept as a guard
                JsonLocation at = parser.currentTokenLocation();
                throw new TwinJsonException("unexpected token " + token + "; only JSON values are supported",
                        at.getLineNr(), at.getColumnNr(), currentPath(), null);
        }
    }

    private JsonObject object() throws IOException {
        int start = top;
        int @Nullable [] table = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            // the parser hands out canonical names, whose hash codes are computed once and kept
            int hash = name.hashCode();
            int count = top - start;
            int slot = -1;
            if (count <= SCAN_LIMIT) {
                int[] known = hashes;
                for (int i = start; i < top; i++) {
                    if (known[i] == hash && name.equals(names[i])) {
                        throw duplicate(name);
                    }
                }
            } else {
                if (table == null || count * 2 > table.length) {
                    table = index(start, count);
                }
                slot = freeSlot(table, start, name, hash);
            }
            JsonValue value = value(parser.nextToken());
            push(name, hash, value);
            if (slot >= 0) {
                table[slot] = count + 1;
            }
        }
        int size = top - start;
        if (size == 0) {
            return JsonObject.empty();
        }
        JsonValue[] members = new JsonValue[size];
        System.arraycopy(values, start, members, 0, size);
        String[] keys = shape(start, size);
        top = start;
        return new JsonObject(keys, members, size);
    }

    /** Returns the names from {@code start} on as an array, the one of an earlier object with the same names if any. */
    private String[] shape(int start, int size) {
        int hash = size;
        for (int i = start, end = start + size; i < end; i++) {
            hash = 31 * hash + hashes[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SHAPES - 1);
        String[] known = shapes[slot];
        if (known != null && known.length == size) {
            int i = 0;
            while (i < size && known[i] == names[start + i]) {
                i++;
            }
            if (i == size) {
                return known;
            }
        }
        String[] keys = new String[size];
        System.arraycopy(names, start, keys, 0, size);
        shapes[slot] = keys;
        return keys;
    }

    private JsonArray array() throws IOException {
        JsonToken next = parser.nextToken();
        if (next == JsonToken.END_ARRAY) {
            return JsonArray.empty();
        }
        int start = top;
        do {
            JsonValue value = value(next);
            push(null, 0, value);
            next = parser.nextToken();
        } while (next != JsonToken.END_ARRAY);
        JsonValue[] elements = new JsonValue[top - start];
        System.arraycopy(values, start, elements, 0, elements.length);
        top = start;
        return new JsonArray(elements);
    }

    private void push(@Nullable String name, int hash, JsonValue value) {
        if (top == values.length) {
            names = Arrays.copyOf(names, top * 2);
            hashes = Arrays.copyOf(hashes, top * 2);
            values = Arrays.copyOf(values, top * 2);
        }
        names[top] = name;
        hashes[top] = hash;
        values[top] = value;
        top++;
    }

    /** Returns a hash table, at most half full, of the {@code count} member names from {@code start} on. */
    private int[] index(int start, int count) {
        int[] table = new int[Integer.highestOneBit(count * 4 - 1) << 1];
        int mask = table.length - 1;
        for (int i = 0; i < count; i++) {
            int slot = spread(hashes[start + i]) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
        return table;
    }

    /** Returns the free slot of {@code table} for {@code name}, or fails if the object already has it. */
    private int freeSlot(int[] table, int start, String name, int hash) throws JsonParseException {
        int mask = table.length - 1;
        int slot = spread(hash) & mask;
        int entry;
        while ((entry = table[slot]) != 0) {
            int position = start + entry - 1;
            if (hashes[position] == hash && name.equals(names[position])) {
                throw duplicate(name);
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Reported at the repeated name, as Jackson's own duplicate detection does. */
    private JsonParseException duplicate(String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'", parser.currentTokenLocation());
    }

    private JsonNumber integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> JsonNumber.of(parser.getIntValue());
            case LONG -> JsonNumber.of(parser.getLongValue());
            default -> JsonNumber.of(parser.getBigIntegerValue());
        };
    }

    private JsonNumber floating() throws IOException {
        // a text parser reads every number with a fraction or an exponent as a double (never a FLOAT or BIG_DECIMAL)
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            JsonLocation at = parser.currentTokenLocation();
            throw new TwinJsonException("number " + parser.getText() + " is outside the range of a double",
                    at.getLineNr(), at.getColumnNr(), currentPath(), null);
        }
        return JsonNumber.of(value);
    }

    private String currentPath() {
        return JsonText.pointerToPath(parser.getParsingContext().pathAsPointer().toString());
    }
}
