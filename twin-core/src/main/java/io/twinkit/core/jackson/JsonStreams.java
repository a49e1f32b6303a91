package io.twinkit.core.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;

/**
 * Reads twinkit values from a databind token stream and writes them to one: a {@code TokenBuffer} when
 * {@link TwinJson} converts user types or Jackson trees, a user's parser or generator when {@link TwinkitModule}
 * reads or writes a twinkit value inside a user type. Unlike the tree's own text reader ({@code JsonValue.parse}),
 * it meets every kind of token databind produces (floats, big decimals, embedded objects), and it writes to any
 * generator with that generator's settings. The unpaired-surrogate rule of the tree's text writer applies here too,
 * for a user's UTF-8 generator.
 */
final class JsonStreams {

    private JsonStreams() {
    }

    /** Reads the value that starts at {@code token}; a repeated member name keeps the last value. */
    static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return read(parser, token, false);
    }

    /**
     * Reads the value that starts at {@code token}. With {@code rejectDuplicates}, a repeated member name fails at
     * the repeated name, as Jackson's own duplicate detection does; doing it here costs one lookup in the object being
     * built rather than a hash set per object.
     */
    static JsonValue read(JsonParser parser, JsonToken token, boolean rejectDuplicates) throws IOException {
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT: {
                JsonObject.Builder builder = JsonObject.builder();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    if (rejectDuplicates && builder.valueOrNull(name) != null) {
                        throw new JsonParseException(parser, "Duplicate field '" + name + "'",
                                parser.currentTokenLocation());
                    }
                    builder.put(name, read(parser, parser.nextToken(), rejectDuplicates));
                }
                return builder.build();
            }
            case JsonTokenId.ID_START_ARRAY: {
                JsonToken next = parser.nextToken();
                if (next == JsonToken.END_ARRAY) {
                    return JsonArray.empty();
                }
                JsonArray.Builder builder = JsonArray.builder();
                while (next != JsonToken.END_ARRAY) {
                    builder.add(read(parser, next, rejectDuplicates));
                    next = parser.nextToken();
                }
                return builder.build();
            }
            case JsonTokenId.ID_STRING:
                return JsonString.of(parser.getText());
            case JsonTokenId.ID_NUMBER_INT:
                return switch (parser.getNumberType()) {
                    case INT -> JsonNumber.of(parser.getIntValue());
                    case LONG -> JsonNumber.of(parser.getLongValue());
                    default -> JsonNumber.of(parser.getBigIntegerValue());
                };
            case JsonTokenId.ID_NUMBER_FLOAT:
                return readFloat(parser);
            case JsonTokenId.ID_TRUE:
                return JsonBoolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return JsonBoolean.FALSE;
            case JsonTokenId.ID_NULL:
                return JsonNull.INSTANCE;
            default:
                JsonLocation at = parser.currentTokenLocation();
                throw new TwinJsonException("unexpected token " + token + "; only JSON values are supported",
                        at.getLineNr(), at.getColumnNr(), parser.getParsingContext().pathAsPointer().toString(), null);
        }
    }

    private static JsonValue readFloat(JsonParser parser) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
            // only from a TokenBuffer (user BigDecimal values): same rule as JsonNumber.of(Number)
            java.math.BigDecimal decimal = parser.getDecimalValue();
            if (decimal.scale() <= 0 || Double.isFinite(decimal.doubleValue())) {
                return JsonNumber.of(decimal);
            }
        }
        double value = parser.getNumberType() == JsonParser.NumberType.FLOAT
                ? Double.parseDouble(Float.toString(parser.getFloatValue()))
                : parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            JsonLocation at = parser.currentTokenLocation();
            throw new TwinJsonException("number " + parser.getText() + " is outside the range of a double",
                    at.getLineNr(), at.getColumnNr(), pointerToPath(parser.getParsingContext().pathAsPointer().toString()),
                    null);
        }
        return JsonNumber.of(value);
    }

    static void write(JsonGenerator generator, JsonValue value) throws IOException {
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
        } else if (value instanceof JsonNull) {
            generator.writeNull();
        } else {
            throw new IllegalStateException("unknown JSON type " + value.type());
        }
    }

    /**
     * Returns whether {@code text} holds a UTF-16 surrogate that is not part of a high-low pair. JSON text can spell
     * one only as an escape, and Jackson's UTF-8 writer, given one, merges it with the next char into a different
     * character (a string of D800 0061 came out as D800 DC61), so such text is written with escapes instead.
     */
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

    static String pointerToPath(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(pointer.length());
        for (String segment : pointer.substring(1).split("/", -1)) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(segment.replace("~1", "/").replace("~0", "~"));
        }
        return path.toString();
    }
}
