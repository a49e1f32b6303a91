package io.twinkit.core.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A Jackson module that lets databind read and write twinkit values inside your own types: a record with a
 * {@code JsonObject extras} or {@code PropertySet tags} component, a {@code List<JsonValue>}, a {@code TwinDocument}
 * field. {@link TwinJson} registers it on its mappers; register it on any other {@code ObjectMapper} with
 * {@code mapper.registerModule(new TwinkitModule())}.
 *
 * <p>Each value is written as its JSON form ({@code toJson()}) and read back through the same factory methods as the
 * codec uses, so a JSON {@code null} read into a {@link JsonValue} is {@link JsonNull#INSTANCE}, and a
 * {@code null} inside a {@link PropertySet} is rejected with a mapping error.
 */
public final class TwinkitModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The module's registration id; a mapper registers it once. */
    public static final String MODULE_NAME = "io.twinkit.core";

    /** Creates the module. */
    public TwinkitModule() {
        super(MODULE_NAME, Version.unknownVersion());
        addSerializer(JsonValue.class, new ValueSerializer<>(JsonValue.class, Function.identity()));
        addSerializer(PropertySet.class, new ValueSerializer<>(PropertySet.class, PropertySet::toJson));
        addSerializer(PropertySection.class, new ValueSerializer<>(PropertySection.class, PropertySection::toJson));
        addSerializer(PropertyMetadata.class, new ValueSerializer<>(PropertyMetadata.class, PropertyMetadata::toJson));
        addSerializer(MergePatch.class, new ValueSerializer<>(MergePatch.class, MergePatch::toJson));
        addSerializer(TwinDocument.class, new ValueSerializer<>(TwinDocument.class, TwinDocument::toJson));

        addDeserializer(JsonValue.class, new ValueDeserializer<>(JsonValue.class, Function.identity()));
        addDeserializer(JsonObject.class, new ValueDeserializer<>(JsonObject.class, JsonValue::asObject));
        addDeserializer(JsonArray.class, new ValueDeserializer<>(JsonArray.class, JsonValue::asArray));
        addDeserializer(JsonString.class, new ValueDeserializer<>(JsonString.class, v -> JsonString.of(v.asString())));
        addDeserializer(JsonNumber.class, new ValueDeserializer<>(JsonNumber.class, JsonValue::asNumber));
        addDeserializer(JsonBoolean.class, new ValueDeserializer<>(JsonBoolean.class,
                v -> JsonBoolean.of(v.asBoolean())));
        addDeserializer(PropertySet.class, new ValueDeserializer<>(PropertySet.class,
                v -> PropertySet.of(v.asObject())));
        addDeserializer(PropertySection.class, new ValueDeserializer<>(PropertySection.class,
                v -> PropertySection.fromJson(v.asObject())));
        addDeserializer(PropertyMetadata.class, new ValueDeserializer<>(PropertyMetadata.class,
                v -> PropertyMetadata.of(v.asObject())));
        addDeserializer(MergePatch.class, new ValueDeserializer<>(MergePatch.class, v -> MergePatch.of(v.asObject())));
        addDeserializer(TwinDocument.class, new ValueDeserializer<>(TwinDocument.class,
                v -> TwinDocument.fromJson(v.asObject())));
    }

    private static final class ValueSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;
        private final Function<T, JsonValue> toJson;

        ValueSerializer(Class<T> type, Function<T, JsonValue> toJson) {
            this.type = type;
            this.toJson = toJson;
        }

        @Override
        public Class<T> handledType() {
            return type;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
            JsonStreams.write(generator, toJson.apply(value));
        }
    }

    private static final class ValueDeserializer<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final Function<JsonValue, T> fromJson;

        ValueDeserializer(Class<T> type, Function<JsonValue, T> fromJson) {
            this.type = type;
            this.fromJson = fromJson;
        }

        @Override
        public Class<?> handledType() {
            return type;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonValue value;
            try {
                value = JsonStreams.read(parser, parser.currentToken());
            } catch (TwinException e) {
                return context.reportInputMismatch(type, "%s", e.getMessage());
            }
            try {
                return fromJson.apply(value);
            } catch (IllegalStateException | IllegalArgumentException | TwinException e) {
                return context.reportInputMismatch(type, "cannot read %s: %s", type.getSimpleName(), e.getMessage());
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public @Nullable T getNullValue(DeserializationContext context) {
            // a JSON null is a value for the JSON model (JsonNull), and absent for everything else
            return type == JsonValue.class ? (T) JsonNull.INSTANCE : null;
        }
    }
}
