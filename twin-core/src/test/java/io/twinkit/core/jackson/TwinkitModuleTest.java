package io.twinkit.core.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TwinkitModuleTest {

    record Device(String name, JsonObject extras, PropertySet tags, List<JsonValue> history, MergePatch pending) {
    }

    record Holder(JsonValue value) {
    }

    record Snapshot(TwinDocument twin) {
    }

    private final TwinJson json = TwinJson.standard();

    @Test
    void twinkitValuesInsideUserTypesAreWrittenAsTheirJson() {
        Device device = new Device("d1",
                JsonValue.parseObject("{\"a\":1,\"b\":[true,2.5]}"),
                PropertySet.parse("{\"location\":{\"plant\":\"Redmond43\"}}"),
                List.of(JsonString.of("x"), JsonNumber.of(3)),
                MergePatch.builder().delete("old").build());

        JsonValue written = json.toJsonValue(device);

        assertThat(written).isEqualTo(JsonValue.parse("{\"name\":\"d1\",\"extras\":{\"a\":1,\"b\":[true,2.5]},"
                + "\"tags\":{\"location\":{\"plant\":\"Redmond43\"}},\"history\":[\"x\",3],\"pending\":{\"old\":null}}"));
        assertThat(json.fromJsonValue(written, Device.class)).isEqualTo(device);
    }

    @Test
    void aJsonNullReadIntoAJsonValueIsJsonNull() {
        Holder holder = json.fromJsonValue(JsonValue.parse("{\"value\":null}"), Holder.class);

        assertThat(holder.value()).isSameAs(JsonNull.INSTANCE);
        assertThat(json.toJsonValue(holder)).isEqualTo(JsonValue.parse("{\"value\":null}"));
    }

    @Test
    void aNullInsideAPropertySetIsAMappingErrorNamingThePath() {
        JsonValue input = JsonValue.parse("{\"name\":\"d\",\"extras\":{},\"tags\":{\"a\":{\"b\":null}},"
                + "\"history\":[],\"pending\":{}}");

        assertThatThrownBy(() -> json.fromJsonValue(input, Device.class))
                .isInstanceOf(TwinMappingException.class)
                .hasMessageContaining("a.b")
                .satisfies(e -> assertThat(((TwinMappingException) e).path()).isEqualTo("tags"));
    }

    @Test
    void aWholeTwinCanBeAFieldOfAUserType() {
        TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject(
                "{\"deviceId\":\"d1\",\"etag\":\"AAAAAAAAAAE=\",\"version\":2,"
                + "\"properties\":{\"desired\":{\"$version\":1},\"reported\":{\"$version\":1}}}"));

        JsonValue written = json.toJsonValue(new Snapshot(twin));

        assertThat(written.asObject().valueOrNull("twin")).isEqualTo(twin.toJson());
        assertThat(json.fromJsonValue(written, Snapshot.class).twin()).isEqualTo(twin);
    }

    @Test
    void aPlainObjectMapperUnderstandsTwinkitValuesOnceTheModuleIsRegistered() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new TwinkitModule());
        Holder holder = new Holder(JsonValue.parseObject("{\"k\":[1,2.0,\"s\"]}"));

        String text = mapper.writeValueAsString(holder);

        assertThat(text).isEqualTo("{\"value\":{\"k\":[1,2.0,\"s\"]}}");
        assertThat(mapper.readValue(text, Holder.class)).isEqualTo(holder);
    }

    @Test
    void usingLeavesTheCallersMapperWithoutTheModule() {
        ObjectMapper mine = new ObjectMapper();

        TwinJson codec = TwinJson.using(mine);

        assertThat(mine.getRegisteredModuleIds()).doesNotContain(TwinkitModule.MODULE_NAME);
        assertThat(codec.toJsonValue(new Holder(JsonString.of("x"))))
                .isEqualTo(JsonValue.parse("{\"value\":\"x\"}"));
    }

    @Test
    void usingAcceptsAMapperThatAlreadyHasTheModule() {
        ObjectMapper mine = new ObjectMapper().registerModule(new TwinkitModule());

        assertThat(TwinJson.using(mine).fromJsonValue(JsonValue.parse("{\"value\":[1]}"), Holder.class).value())
                .isEqualTo(JsonValue.parse("[1]"));
    }

    @Test
    void decimalsAndAtomicNumbersKeepTheirKind() {
        JsonValue whole = json.toJsonValue(new BigDecimal("5"));
        JsonValue fraction = json.toJsonValue(new BigDecimal("5.25"));

        assertThat(whole.asNumber().isIntegral()).isTrue();
        assertThat(whole).isEqualTo(JsonNumber.of(new BigDecimal("5")));
        assertThat(fraction.asNumber().isIntegral()).isFalse();
        assertThat(JsonNumber.of(new AtomicInteger(7)).isIntegral()).isTrue();
        assertThat(JsonNumber.of(new AtomicLong(1L << 40)).longValue()).isEqualTo(1L << 40);
    }

    @Test
    void emptyOptionalsAndNullsInMapsAreLeftOutOfPropertySets() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kept", 1);
        values.put("empty", Optional.empty());
        values.put("missing", null);

        assertThat(json.toPropertySet(values)).isEqualTo(PropertySet.parse("{\"kept\":1}"));
    }
}
