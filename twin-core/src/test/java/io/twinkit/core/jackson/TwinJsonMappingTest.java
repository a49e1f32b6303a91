package io.twinkit.core.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinMappingException;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwinJsonMappingTest {

    private static final TwinJson JSON = TwinJson.standard();
    private static final Instant INSTALLED = Instant.parse("2024-05-06T07:08:09.123Z");

    enum Mode { AUTO, MANUAL }

    record Sensor(String name, int count) {
    }

    record Location(String plant, Integer floor, Optional<String> room, List<Sensor> sensors,
                    Map<String, Double> limits, Instant installed, Mode mode, String note) {
    }

    /** A classic mutable bean, as many users still write them. */
    static final class Device {
        private String id;
        private long uptimeSeconds;
        private List<String> labels = new ArrayList<>();
        private Sensor primary;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public long getUptimeSeconds() {
            return uptimeSeconds;
        }

        public void setUptimeSeconds(long uptimeSeconds) {
            this.uptimeSeconds = uptimeSeconds;
        }

        public List<String> getLabels() {
            return labels;
        }

        public void setLabels(List<String> labels) {
            this.labels = labels;
        }

        public Sensor getPrimary() {
            return primary;
        }

        public void setPrimary(Sensor primary) {
            this.primary = primary;
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Device d && Objects.equals(id, d.id) && uptimeSeconds == d.uptimeSeconds
                    && Objects.equals(labels, d.labels) && Objects.equals(primary, d.primary);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, uptimeSeconds, labels, primary);
        }
    }

    record CamelCase(String firstName, Instant seenAt) {
    }

    private static Location sampleLocation() {
        Map<String, Double> limits = new LinkedHashMap<>();
        limits.put("min", -5.5);
        limits.put("max", 40.0);
        return new Location("Redmond43", 2, Optional.of("B12"),
                List.of(new Sensor("t1", 3), new Sensor("h\u00fc", 0)), limits, INSTALLED, Mode.MANUAL, null);
    }

    @Test
    void recordsMapToJsonAndBack() {
        Location location = sampleLocation();
        JsonValue json = JSON.toJsonValue(location);
        assertThat(json).isEqualTo(JsonValue.parse("{\"plant\":\"Redmond43\",\"floor\":2,\"room\":\"B12\","
                + "\"sensors\":[{\"name\":\"t1\",\"count\":3},{\"name\":\"h\u00fc\",\"count\":0}],"
                + "\"limits\":{\"min\":-5.5,\"max\":40.0},\"installed\":\"2024-05-06T07:08:09.123Z\","
                + "\"mode\":\"MANUAL\"}"));
        assertThat(json.asObject().valueOrNull("floor").asNumber().isIntegral()).isTrue();
        assertThat(json.asObject().valueOrNull("limits").asObject().valueOrNull("max").asNumber().isIntegral())
                .isFalse();
        assertThat(JSON.fromJsonValue(json, Location.class)).isEqualTo(location);
    }

    @Test
    void nullAndEmptyOptionalMembersAreOmitted() {
        Location sparse = new Location("p", null, Optional.empty(), List.of(), Map.of(), null, null, null);
        JsonObject json = JSON.toJsonValue(sparse).asObject();
        assertThat(json.keys()).containsExactly("plant", "sensors", "limits");
        Location back = JSON.fromJsonValue(json, Location.class);
        assertThat(back.room()).isEmpty();
        assertThat(back.floor()).isNull();
        assertThat(back.installed()).isNull();
    }

    @Test
    void propertySetsMapBothWays() {
        Location location = sampleLocation();
        PropertySet properties = JSON.toPropertySet(location);
        assertThat(properties.getString("plant")).contains("Redmond43");
        assertThat(properties.getString("installed")).contains("2024-05-06T07:08:09.123Z");
        assertThat(properties.getDouble("limits.min")).hasValue(-5.5);
        assertThat(properties.contains("note")).isFalse();
        assertThat(JSON.toValue(properties, Location.class)).isEqualTo(location);
    }

    /** A nested user type, as applications map tags and properties. */
    record Site(String region, int floor) {
    }

    /** A user type with a nested record, a list and an optional member. */
    record Pump(String name, Site site, List<String> labels, double temperature, Optional<String> note) {
    }

    @Test
    void recordsWithNestedRecordsMapToPropertySetsAndBack() {
        Pump pump = new Pump("pump", new Site("US", 3), List.of("a", "b"), 21.0, Optional.empty());

        PropertySet set = JSON.toPropertySet(pump);

        assertThat(set.toJson()).isEqualTo(JsonValue.parseObject("{\"name\":\"pump\",\"site\":{\"region\":\"US\","
                + "\"floor\":3},\"labels\":[\"a\",\"b\"],\"temperature\":21.0}"));
        assertThat(set.contains("note")).isFalse();
        assertThat(set.get("temperature").orElseThrow().asNumber().isIntegral()).isFalse();
        assertThat(set.get("site.floor").orElseThrow().asNumber().isIntegral()).isTrue();
        assertThat(JSON.toValue(set, Pump.class)).isEqualTo(pump);
        assertThat(JSON.toValue(set.getObject("site").orElseThrow(), Site.class)).isEqualTo(new Site("US", 3));

        Pump noted = new Pump("pump", new Site("US", 3), List.of(), 21.5, Optional.of("hot"));
        assertThat(JSON.toValue(JSON.toPropertySet(noted), Pump.class)).isEqualTo(noted);
    }

    @Test
    void userValuesGoIntoAPropertySetBuilderAsJsonValues() {
        PropertySet built = PropertySet.builder().put("site.location", JSON.toJsonValue(new Site("EU", 2)))
                .put("site.labels", JSON.toJsonValue(List.of("a", "b"))).build();

        assertThat(built.toJson()).isEqualTo(JsonValue.parseObject(
                "{\"site\":{\"location\":{\"region\":\"EU\",\"floor\":2},\"labels\":[\"a\",\"b\"]}}"));
    }

    @Test
    void toPropertySetAcceptsMapsAndRejectsNonObjects() {
        assertThat(JSON.toPropertySet(Map.of("k", 1)).toJson()).isEqualTo(JsonValue.parseObject("{\"k\":1}"));
        assertThatThrownBy(() -> JSON.toPropertySet(List.of(1))).isInstanceOf(TwinMappingException.class);
        assertThatThrownBy(() -> JSON.toPropertySet("text")).isInstanceOf(TwinMappingException.class);
    }

    @Test
    void toValueFailsForAnIncompatibleShape() {
        PropertySet wrongFloor = PropertySet.parse("{\"region\":\"US\",\"floor\":\"third\"}");
        assertThatThrownBy(() -> JSON.toValue(wrongFloor, Site.class))
                .isInstanceOf(TwinMappingException.class)
                .hasMessageContaining("floor");
    }

    @Test
    void beansMapBothWays() {
        Device device = new Device();
        device.setId("dev-1");
        device.setUptimeSeconds(1L << 40);
        device.setLabels(List.of("a", "b"));
        device.setPrimary(new Sensor("t", 1));
        JsonObject json = JSON.toJsonValue(device).asObject();
        assertThat(json).isEqualTo(JsonValue.parse(
                "{\"id\":\"dev-1\",\"uptimeSeconds\":1099511627776,\"labels\":[\"a\",\"b\"],"
                        + "\"primary\":{\"name\":\"t\",\"count\":1}}"));
        assertThat(JSON.fromJsonValue(json, Device.class)).isEqualTo(device);
        assertThat(JSON.toValue(JSON.toPropertySet(device), Device.class)).isEqualTo(device);
    }

    @Test
    void genericTypesMapThroughTypeReferences() {
        JsonValue json = JsonValue.parse("[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]");
        List<Sensor> sensors = JSON.fromJsonValue(json, new TypeReference<List<Sensor>>() { }.getType());
        assertThat(sensors).containsExactly(new Sensor("a", 1), new Sensor("b", 2));
        Map<String, BigInteger> big = JSON.fromJsonValue(JsonValue.parse("{\"n\":1000000000000000000000}"),
                new TypeReference<Map<String, BigInteger>>() { }.getType());
        assertThat(big).containsEntry("n", BigInteger.TEN.pow(21));
    }

    @Test
    void largeNumbersKeepTheirValueThroughDatabind() {
        JsonValue json = JSON.toJsonValue(Map.of("big", BigInteger.TEN.pow(30), "long", Long.MIN_VALUE));
        assertThat(json.asObject().valueOrNull("big").asNumber().bigIntegerValueOrNull())
                .isEqualTo(BigInteger.TEN.pow(30));
        assertThat(json.asObject().valueOrNull("long").asNumber().longValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void unknownPropertiesAreIgnored() {
        JsonValue json = JsonValue.parse("{\"name\":\"t\",\"count\":4,\"firmware\":{\"v\":2},\"extra\":[1]}");
        assertThat(JSON.fromJsonValue(json, Sensor.class)).isEqualTo(new Sensor("t", 4));
    }

    @Test
    void typeMismatchNamesThePath() {
        JsonValue json = JsonValue.parse("{\"plant\":\"p\",\"sensors\":[{\"name\":\"a\",\"count\":1},"
                + "{\"name\":\"b\",\"count\":\"many\"}]}");
        TwinMappingException e = catchThrowableOfType(TwinMappingException.class,
                () -> JSON.fromJsonValue(json, Location.class));
        assertThat(e.path()).isEqualTo("sensors.1.count");
        assertThat(e.getMessage()).contains(Location.class.getName())
                .contains("(at 'sensors.1.count')");
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);

        TwinMappingException wrongMode = catchThrowableOfType(TwinMappingException.class,
                () -> JSON.fromJsonValue(JsonValue.parse("{\"mode\":\"TURBO\"}"), Location.class));
        assertThat(wrongMode.path()).isEqualTo("mode");

        TwinMappingException badTime = catchThrowableOfType(TwinMappingException.class,
                () -> JSON.fromJsonValue(JsonValue.parse("{\"installed\":\"yesterday\"}"), Location.class));
        assertThat(badTime.path()).isEqualTo("installed");
    }

    @Test
    void valuesThatAreNotObjectsAreNotPropertySets() {
        assertThatThrownBy(() -> JSON.toPropertySet(List.of(1, 2))).isInstanceOf(TwinMappingException.class)
                .hasMessageContaining("ARRAY");
        assertThatThrownBy(() -> JSON.toPropertySet("text")).isInstanceOf(TwinMappingException.class)
                .hasMessageContaining("STRING");
        assertThatThrownBy(() -> JSON.toValue(PropertySet.parse("{\"count\":[1]}"), Sensor.class))
                .isInstanceOf(TwinMappingException.class);
    }

    @Test
    void simpleValuesAndJsonValuesConvertDirectly() {
        assertThat(JSON.toJsonValue(null)).isSameAs(JsonNull.INSTANCE);
        JsonObject already = JsonObject.of("a", JsonNumber.of(1));
        assertThat(JSON.toJsonValue(already)).isSameAs(already);
        assertThat(JSON.toJsonValue("s")).isEqualTo(JsonString.of("s"));
        assertThat(JSON.toJsonValue(7).asNumber().isIntegral()).isTrue();
        assertThat(JSON.toJsonValue(7.0).asNumber().isIntegral()).isFalse();
        assertThat(JSON.toJsonValue(0.1f)).isEqualTo(JsonNumber.of(0.1));
        assertThat(JSON.toJsonValue(Mode.AUTO)).isEqualTo(JsonString.of("AUTO"));
        assertThat(JSON.fromJsonValue(JsonString.of("AUTO"), Mode.class)).isEqualTo(Mode.AUTO);
        assertThat(JSON.fromJsonValue(JsonNumber.of(3.0), Double.class)).isEqualTo(3.0);
    }

    @Test
    void nonFiniteNumbersCannotBeConverted() {
        TwinMappingException e = catchThrowableOfType(TwinMappingException.class,
                () -> JSON.toJsonValue(Map.of("t", Double.NaN)));
        assertThat(e.path()).isEqualTo("t");
    }

    @Test
    void jacksonTreesRoundTripKeepingNumberKinds() {
        JsonValue value = JsonValue.parse("{\"i\":3,\"d\":3.0,\"big\":100000000000000000000,\"s\":\"x\","
                + "\"a\":[true,null,{}],\"o\":{\"n\":-1.5}}");
        JsonNode node = JSON.toJsonNode(value);
        assertThat(node.get("i").isIntegralNumber()).isTrue();
        assertThat(node.get("d").isDouble()).isTrue();
        assertThat(node.get("big").isBigInteger()).isTrue();
        assertThat(node.get("big").bigIntegerValue()).isEqualTo(BigInteger.TEN.pow(20));
        assertThat(node.get("a").get(1).isNull()).isTrue();
        JsonValue back = JSON.fromJsonNode(node);
        assertThat(back).isEqualTo(value);
        assertThat(back.asObject().valueOrNull("i").asNumber().isIntegral()).isTrue();
        assertThat(back.asObject().valueOrNull("d").asNumber().isIntegral()).isFalse();
        assertThat(back.toString()).isEqualTo(value.toString());
    }

    @Test
    void toJsonNodeReturnsAFreshMutableTree() {
        JsonObject value = JsonObject.of("a", JsonNumber.of(1));
        ObjectNode node = (ObjectNode) JSON.toJsonNode(value);
        node.put("b", 2);
        assertThat(value.contains("b")).isFalse();
        assertThat(JSON.toJsonNode(value).has("b")).isFalse();
    }

    @Test
    void fromJsonNodeRejectsWhatIsNotJson() {
        assertThatThrownBy(() -> JSON.fromJsonNode(MissingNode.getInstance())).isInstanceOf(TwinJsonException.class);
        ObjectNode pojo = JsonNodeFactory.instance.objectNode();
        pojo.putPOJO("thing", new Object());
        assertThatThrownBy(() -> JSON.fromJsonNode(pojo)).isInstanceOf(TwinJsonException.class);
        ObjectNode nan = JsonNodeFactory.instance.objectNode();
        nan.put("x", Double.POSITIVE_INFINITY);
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class, () -> JSON.fromJsonNode(nan));
        assertThat(e.path()).isEqualTo("x");
    }

    @Test
    void usingHonoursTheMapperConfiguration() {
        ObjectMapper snake = new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        TwinJson custom = TwinJson.using(snake);
        CamelCase value = new CamelCase("Ada", Instant.ofEpochSecond(1_700_000_000L));

        JsonObject json = custom.toJsonValue(value).asObject();
        assertThat(json.keys()).containsExactly("first_name", "seen_at");
        // a plain ObjectMapper keeps WRITE_DATES_AS_TIMESTAMPS, so the instant becomes a number
        assertThat(json.valueOrNull("seen_at").isNumber()).isTrue();
        assertThat(custom.fromJsonValue(json, CamelCase.class)).isEqualTo(value);

        JsonObject standard = JSON.toJsonValue(value).asObject();
        assertThat(standard.keys()).containsExactly("firstName", "seenAt");
        assertThat(standard.valueOrNull("seenAt")).isEqualTo(JsonString.of("2023-11-14T22:13:20Z"));

        // a plain ObjectMapper also fails on unknown properties, where the standard codec ignores them
        JsonValue withExtra = JsonValue.parse("{\"name\":\"t\",\"count\":1,\"extra\":0}");
        assertThatThrownBy(() -> TwinJson.using(new ObjectMapper()).fromJsonValue(withExtra, Sensor.class))
                .isInstanceOf(TwinMappingException.class).hasMessageContaining("extra");
        assertThat(JSON.fromJsonValue(withExtra, Sensor.class)).isEqualTo(new Sensor("t", 1));

        // reading twinkit values does not depend on the mapper's databind configuration
        assertThat(JsonValue.parse("{\"a\":[1,2.0]}")).isEqualTo(JsonValue.parse("{\"a\":[1,2.0]}"));
        assertThat(json.toString()).isEqualTo(json.toString());
        assertThatThrownBy(() -> TwinJson.using(null)).isInstanceOf(NullPointerException.class);
    }
}
