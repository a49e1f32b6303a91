package io.twinkit.core.jackson;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The bridge between twinkit's values and Jackson databind: converts records, POJOs, maps and lists to and from
 * {@link JsonValue}s and {@link PropertySet}s, and twinkit values to and from Jackson's own {@code JsonNode} trees.
 * JSON text is not read or written here: every value has its text form itself ({@link JsonValue#parse(String)},
 * {@link JsonValue#toJsonBytes()}).
 *
 * <pre>{@code
 * TwinJson json = TwinJson.standard();
 * TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject(responseBody));
 * Location loc = json.toValue(twin.tags().getObject("location").orElseThrow(), Location.class);
 * PropertySet tags = json.toPropertySet(new Tags(loc, "ops"));
 * }</pre>
 *
 * <p>Conversions go through Jackson's token buffers, with no intermediate text: integers and doubles stay apart, a
 * large integer is never rounded, and a non-finite number is rejected.
 *
 * <p>Instances are immutable and thread-safe. {@link #standard()} maps user types with an {@link ObjectMapper} that
 * knows {@code java.time} and {@code Optional}, writes no {@code null} or absent members and ignores unknown
 * properties (nor null or empty map values), and maps twinkit values nested in user types through
 * {@link TwinkitModule}; {@link #using(ObjectMapper)} takes your own.
 */
public final class TwinJson {

    private static final TwinJson STANDARD = new TwinJson(defaultMapper());

    private final ObjectMapper mapper;

    private TwinJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Returns the shared bridge with twinkit's default mapping configuration. */
    public static TwinJson standard() {
        return STANDARD;
    }

    /**
     * Returns a bridge that maps user types with {@code mapper}'s configuration. Unless the mapper already has a
     * {@link TwinkitModule}, the bridge uses a copy with one registered, so twinkit values inside user types map;
     * your mapper itself is left unchanged. A mapper passed with the module must not be reconfigured afterwards.
     *
     * @throws IllegalArgumentException if the mapper lacks the module and cannot be copied (a subclass that does not
     *     override {@code copy()})
     */
    public static TwinJson using(ObjectMapper mapper) {
        Objects.requireNonNull(mapper, "mapper");
        if (mapper.getRegisteredModuleIds().contains(TwinkitModule.MODULE_NAME)) {
            return new TwinJson(mapper);
        }
        ObjectMapper copy;
        try {
            copy = mapper.copy();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("cannot copy " + mapper.getClass().getName() + " to register "
                    + "TwinkitModule on it; register the module on your mapper yourself and pass it again", e);
        }
        return new TwinJson(copy.registerModule(new TwinkitModule()));
    }

    private static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT,
                        JsonInclude.Include.NON_ABSENT))
                .addModule(new TwinkitModule())
                .build();
    }

    // ---------------------------------------------------------------- user types (databind)

    /**
     * Converts a user value (record, POJO, map, list, string, number, boolean or {@code null}) to a JSON value.
     *
     * @throws TwinMappingException if databind cannot serialise it, or it holds a non-finite number
     */
    public JsonValue toJsonValue(@Nullable Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            mapper.writeValue(buffer, value);
            try (JsonParser parser = buffer.asParser(mapper)) {
                return readDocument(parser);
            }
        } catch (JsonMappingException e) {
            throw new TwinMappingException("cannot convert " + value.getClass().getName() + " to JSON: "
                    + e.getOriginalMessage(), pathOf(e), e);
        } catch (IOException e) {
            throw new TwinMappingException("cannot convert " + value.getClass().getName() + " to JSON: "
                    + e.getMessage(), "", e);
        } catch (TwinJsonException e) {
            throw new TwinMappingException("cannot convert " + value.getClass().getName() + " to JSON: "
                    + e.getMessage(), e.path(), e);
        }
    }

    /**
     * Converts a user value that maps to a JSON object (a record, POJO or map) to a property set. Members whose
     * value is {@code null} or an empty {@code Optional} are left out.
     *
     * @throws TwinMappingException if the value does not map to a JSON object without nulls
     */
    public PropertySet toPropertySet(Object value) {
        Objects.requireNonNull(value, "value");
        JsonValue json = toJsonValue(value);
        if (!(json instanceof JsonObject object)) {
            throw new TwinMappingException(value.getClass().getName() + " maps to a JSON " + json.type()
                    + ", not to an object, so it cannot be a property set", "", new IllegalArgumentException());
        }
        try {
            return PropertySet.of(withoutNullMembers(object));
        } catch (IllegalArgumentException e) {
            throw new TwinMappingException(e.getMessage() == null ? "invalid property set" : e.getMessage(), "", e);
        }
    }

    /** Drops object members whose value is {@code null}, at any depth outside arrays: for user values they mean absent. */
    private static JsonObject withoutNullMembers(JsonObject object) {
        JsonObject.Builder builder = null;
        for (int i = 0; i < object.size(); i++) {
            JsonValue value = object.valueAt(i);
            JsonValue cleaned = value instanceof JsonObject nested ? withoutNullMembers(nested) : value;
            if (cleaned != value || value.isNull()) {
                if (builder == null) {
                    builder = object.toBuilder();
                }
                if (value.isNull()) {
                    builder.remove(object.keyAt(i));
                } else {
                    builder.put(object.keyAt(i), cleaned);
                }
            }
        }
        return builder == null ? object : builder.build();
    }

    /**
     * Converts a JSON value to a user type.
     *
     * @throws TwinMappingException if databind cannot build the type from the value
     */
    public <T> T fromJsonValue(JsonValue value, Class<T> type) {
        return fromJsonValue(value, (Type) type);
    }

    /**
     * Converts a JSON value to a (possibly generic) user type, e.g. from a {@code TypeReference.getType()}.
     *
     * @throws TwinMappingException if databind cannot build the type from the value
     */
    public <T> T fromJsonValue(JsonValue value, Type type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        JavaType javaType = mapper.getTypeFactory().constructType(type);
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            JsonStreams.write(buffer, value);
            try (JsonParser parser = buffer.asParser(mapper)) {
                return mapper.readValue(parser, javaType);
            }
        } catch (JsonMappingException e) {
            throw new TwinMappingException("cannot convert JSON to " + javaType.toCanonical() + ": "
                    + e.getOriginalMessage(), pathOf(e), e);
        } catch (IOException e) {
            throw new TwinMappingException("cannot convert JSON to " + javaType.toCanonical() + ": "
                    + e.getMessage(), "", e);
        }
    }

    /**
     * Converts a property set to a user type.
     *
     * @throws TwinMappingException if databind cannot build the type from the properties
     */
    public <T> T toValue(PropertySet properties, Class<T> type) {
        return fromJsonValue(properties.toJson(), type);
    }

    // ---------------------------------------------------------------- Jackson interop

    /** Converts a twinkit value to a new, mutable Jackson tree. */
    public JsonNode toJsonNode(JsonValue value) {
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            JsonStreams.write(buffer, value);
            try (JsonParser parser = buffer.asParser(mapper)) {
                return mapper.readTree(parser);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("converting to a Jackson tree failed", e);
        }
    }

    /**
     * Converts a Jackson tree to an immutable twinkit value; Jackson's {@code MissingNode} is not accepted.
     *
     * @throws TwinJsonException if the tree holds something that is not JSON (a POJO node, a non-finite number)
     */
    public JsonValue fromJsonNode(JsonNode node) {
        Objects.requireNonNull(node, "node");
        if (node.isMissingNode()) {
            throw new TwinJsonException("a MissingNode is not a JSON value", "");
        }
        try (JsonParser parser = mapper.treeAsTokens(node)) {
            return readDocument(parser);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    // ---------------------------------------------------------------- streaming core

    private JsonValue readDocument(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new TwinJsonException("no JSON content: the input is empty", 1, 1, "", null);
        }
        JsonValue value = JsonStreams.read(parser, token, true);
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new TwinJsonException("unexpected content after the end of the JSON value: " + trailing,
                    at.getLineNr(), at.getColumnNr(), "", null);
        }
        return value;
    }

    private static TwinJsonException failure(IOException e) {
        if (e instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            String path = "";
            if (e instanceof com.fasterxml.jackson.core.exc.StreamReadException read && read.getProcessor() != null) {
                path = JsonStreams.pointerToPath(read.getProcessor().getParsingContext().pathAsPointer().toString());
            }
            return new TwinJsonException("malformed JSON: " + processing.getOriginalMessage(),
                    at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), path, e);
        }
        return new TwinJsonException("malformed JSON: " + e.getMessage(), -1, -1, "", e);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("."));
    }

}
