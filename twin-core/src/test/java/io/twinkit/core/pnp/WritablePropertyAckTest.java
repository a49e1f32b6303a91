package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.stream.Stream;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WritablePropertyAckTest {

    private static JsonValue json(String text) {
        return JsonValue.parse(text);
    }

    record Settings(String mode, int level) {
    }

    @Test
    void readsTheSpecExampleAck() {
        WritablePropertyAck ack = WritablePropertyAck.fromJson(
                json("{ \"value\": 21.3, \"ac\": 200, \"av\": 3, \"ad\": \"complete\" }"));

        assertThat(ack.value()).isEqualTo(JsonNumber.of(21.3));
        assertThat(ack.code()).isEqualTo(AckCodes.ACCEPTED);
        assertThat(ack.version()).isEqualTo(3);
        assertThat(ack.description()).contains("complete");
        assertThat(ack).isEqualTo(WritablePropertyAck.of(JsonNumber.of(21.3), 200, 3, "complete"));
    }

    @Test
    void writesTheSpecExampleAck() {
        WritablePropertyAck ack = WritablePropertyAck.of(JsonNumber.of(21.3), AckCodes.ACCEPTED, 3, "complete");

        assertThat(ack.toJson()).isEqualTo(json("{\"value\":21.3,\"ac\":200,\"av\":3,\"ad\":\"complete\"}"));
        assertThat(ack.toString()).isEqualTo("{\"value\":21.3,\"ac\":200,\"av\":3,\"ad\":\"complete\"}");
    }

    @Test
    void deviceDefaultIsTheSpecInitializeExample() {
        WritablePropertyAck ack = WritablePropertyAck.deviceDefault(JsonNumber.of(20.0), "initialize");

        assertThat(ack.code()).isEqualTo(203);
        assertThat(ack.version()).isZero();
        assertThat(ack.toString()).isEqualTo("{\"value\":20.0,\"ac\":203,\"av\":0,\"ad\":\"initialize\"}");
        assertThat(WritablePropertyAck.fromJson(json("{\"value\":20.0,\"ac\":203,\"av\":0,\"ad\":\"initialize\"}")))
                .isEqualTo(ack);
    }

    @Test
    void factoriesSetTheirCodes() {
        JsonValue v = JsonNumber.of(1);
        assertThat(WritablePropertyAck.accepted(v, 4)).extracting(WritablePropertyAck::code,
                WritablePropertyAck::version).containsExactly(200, 4L);
        assertThat(WritablePropertyAck.accepted(v, 4).description()).isEmpty();
        assertThat(WritablePropertyAck.inProgress(v, 5, "heating")).extracting(WritablePropertyAck::code,
                WritablePropertyAck::version).containsExactly(202, 5L);
        assertThat(WritablePropertyAck.inProgress(v, 5, "heating").description()).contains("heating");
        assertThat(WritablePropertyAck.inProgress(v, 5, null).description()).isEmpty();
        assertThat(WritablePropertyAck.deviceDefault(v, null).description()).isEmpty();
        assertThat(WritablePropertyAck.rejected(v, 6, "out of range")).extracting(WritablePropertyAck::code,
                WritablePropertyAck::version).containsExactly(400, 6L);
        assertThat(WritablePropertyAck.failed(v, 7, "actuator jammed")).extracting(WritablePropertyAck::code,
                WritablePropertyAck::version).containsExactly(500, 7L);
        assertThat(WritablePropertyAck.failed(v, 7, "actuator jammed").description()).contains("actuator jammed");
    }

    @Test
    void toJsonOmitsAbsentDescription() {
        JsonObject json = WritablePropertyAck.accepted(JsonString.of("on"), 2).toJson();

        assertThat(json.keys()).containsExactly("value", "ac", "av");
        assertThat(json).isEqualTo(json("{\"value\":\"on\",\"ac\":200,\"av\":2}"));
    }

    static Stream<WritablePropertyAck> acks() {
        return Stream.of(
                WritablePropertyAck.accepted(JsonNumber.of(21.3), 3),
                WritablePropertyAck.inProgress(json("{\"mode\":\"eco\",\"levels\":[1,2,3]}"), 9, "step 1 of 2"),
                WritablePropertyAck.deviceDefault(JsonString.of("auto"), "initialize"),
                WritablePropertyAck.rejected(JsonValue.of(false), 12, "not allowed now"),
                WritablePropertyAck.failed(JsonArray.of(JsonString.of("a")), Long.MAX_VALUE, ""),
                WritablePropertyAck.of(JsonNumber.of(7), 100, 0, null),
                WritablePropertyAck.of(JsonObject.empty(), 599, 1, "x"));
    }

    @ParameterizedTest
    @MethodSource("acks")
    void roundTripsThroughJson(WritablePropertyAck ack) {
        assertThat(WritablePropertyAck.fromJson(ack.toJson())).isEqualTo(ack);
        assertThat(WritablePropertyAck.tryParse(ack.toJson())).contains(ack);
        assertThat(WritablePropertyAck.fromJson(json(ack.toString()))).isEqualTo(ack);
    }

    @Test
    void fromJsonIgnoresUnknownMembersAndNullDescription() {
        WritablePropertyAck ack = WritablePropertyAck.fromJson(
                json("{\"value\":1,\"ac\":200,\"av\":3,\"ad\":null,\"extra\":true}"));

        assertThat(ack).isEqualTo(WritablePropertyAck.accepted(JsonNumber.of(1), 3));
    }

    @Test
    void fromJsonAcceptsIntegralDoublesForCodeAndVersion() {
        WritablePropertyAck ack = WritablePropertyAck.fromJson(json("{\"value\":1,\"ac\":200.0,\"av\":3.0}"));

        assertThat(ack.code()).isEqualTo(200);
        assertThat(ack.version()).isEqualTo(3);
    }

    static Stream<Arguments> notAcks() {
        return Stream.of(
                Arguments.of("\"complete\"", "a JSON object but found STRING"),
                Arguments.of("21.3", "a JSON object but found NUMBER"),
                Arguments.of("[1]", "a JSON object but found ARRAY"),
                Arguments.of("null", "a JSON object but found NULL"),
                Arguments.of("{\"ac\":200,\"av\":3}", "member 'value' is missing"),
                Arguments.of("{\"value\":21.3,\"av\":3}", "member 'ac' is missing"),
                Arguments.of("{\"value\":21.3,\"ac\":\"200\",\"av\":3}", "'ac' must be an integer"),
                Arguments.of("{\"value\":21.3,\"ac\":200.5,\"av\":3}", "'ac' must be an integer"),
                Arguments.of("{\"value\":21.3,\"ac\":99,\"av\":3}", "'ac' must be from 100 to 599"),
                Arguments.of("{\"value\":21.3,\"ac\":600,\"av\":3}", "'ac' must be from 100 to 599"),
                Arguments.of("{\"value\":21.3,\"ac\":99999999999999999999,\"av\":3}", "'ac' must be an integer"),
                Arguments.of("{\"value\":21.3,\"ac\":200}", "member 'av' is missing"),
                Arguments.of("{\"value\":21.3,\"ac\":200,\"av\":-1}", "'av' must be a non-negative integer"),
                Arguments.of("{\"value\":21.3,\"ac\":200,\"av\":\"3\"}", "'av' must be a non-negative integer"),
                Arguments.of("{\"value\":21.3,\"ac\":200,\"av\":3,\"ad\":7}", "'ad' must be a string"),
                Arguments.of("{\"value\":null,\"ac\":200,\"av\":3}", "'value' is null"),
                Arguments.of("{\"value\":{\"a\":[1,null]},\"ac\":200,\"av\":3}", "'value.a.1' is null"),
                Arguments.of("{\"targetTemperature\":21.3}", "member 'value' is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAcks")
    void fromJsonNamesWhatIsWrong(String text, String problem) {
        assertThatThrownBy(() -> WritablePropertyAck.fromJson(json(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAcks")
    void tryParseReturnsEmptyForNonAcks(String text, String problem) {
        assertThat(WritablePropertyAck.tryParse(json(text))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -200, 0, 99, 600, 1000})
    void ofRejectsCodesOutsideHttpRange(int code) {
        assertThatThrownBy(() -> WritablePropertyAck.of(JsonNumber.of(1), code, 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 100 to 599")
                .hasMessageContaining(Integer.toString(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 200, 202, 203, 301, 400, 404, 500, 599})
    void ofAcceptsEveryCodeInHttpRange(int code) {
        assertThat(WritablePropertyAck.of(JsonNumber.of(1), code, 1, null).code()).isEqualTo(code);
    }

    @Test
    void ofRejectsNegativeVersion() {
        assertThatThrownBy(() -> WritablePropertyAck.accepted(JsonNumber.of(1), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("av")
                .hasMessageContaining("-1");
    }

    @Test
    void ofRejectsNullsInTheValueNamingTheirPath() {
        assertThatThrownBy(() -> WritablePropertyAck.accepted(JsonNull.INSTANCE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'value' is null");
        assertThatThrownBy(() -> WritablePropertyAck.accepted(json("{\"a\":{\"b\":null}}"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'value.a.b' is null");
    }

    @Test
    void typedFactoryAndValueAsConvertThroughTheCodec() {
        WritablePropertyAck ack = WritablePropertyAck.acceptedValue(new Settings("eco", 2), 7);

        assertThat(ack.toJson()).isEqualTo(json("{\"value\":{\"mode\":\"eco\",\"level\":2},\"ac\":200,\"av\":7}"));
        assertThat(ack.valueAs(Settings.class)).isEqualTo(new Settings("eco", 2));
        assertThat(WritablePropertyAck.acceptedValue(21.5, 1).valueAs(Double.class)).isEqualTo(21.5);
        assertThat(WritablePropertyAck.ofValue("auto", 203, 0, "initialize"))
                .isEqualTo(WritablePropertyAck.deviceDefault(JsonString.of("auto"), "initialize"));
    }

    @Test
    void valueAsReportsMappingFailures() {
        WritablePropertyAck ack = WritablePropertyAck.accepted(JsonString.of("hot"), 1);

        assertThatThrownBy(() -> ack.valueAs(Settings.class)).isInstanceOf(TwinMappingException.class);
    }

    @Test
    void equalityIsJsonEqualityOfTheValue() {
        assertThat(WritablePropertyAck.accepted(JsonNumber.of(20), 1))
                .isEqualTo(WritablePropertyAck.accepted(JsonNumber.of(20.0), 1))
                .hasSameHashCodeAs(WritablePropertyAck.accepted(JsonNumber.of(20.0), 1))
                .isNotEqualTo(WritablePropertyAck.accepted(JsonNumber.of(20), 2))
                .isNotEqualTo(WritablePropertyAck.of(JsonNumber.of(20), 202, 1, null))
                .isNotEqualTo(WritablePropertyAck.of(JsonNumber.of(20), 200, 1, "done"));
    }

    @Test
    void equalsAndHashCodeFollowTheContract() {
        EqualsVerifier.forClass(WritablePropertyAck.class)
                .withPrefabValues(JsonValue.class, JsonString.of("a"), JsonNumber.of(1))
                .suppress(Warning.NULL_FIELDS)
                .verify();
    }
}
