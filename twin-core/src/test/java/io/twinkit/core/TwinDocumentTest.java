package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwinDocumentTest {

    private static TwinDocument read(String json) {
        return TwinDocument.fromJson(JsonValue.parseObject(json));
    }

    /** Reads {@code {"deviceId":"d", <members>}}. */
    private static TwinDocument readWith(String members) {
        return read("{\"deviceId\":\"d\"," + members + "}");
    }

    private static TwinDocument fixtureTwin(String deviceId) {
        JsonArray twins = ConformanceVectors.fixtures("twins.json").get(0).json().get("twins").orElseThrow().asArray();
        return twins.stream()
                .map(JsonValue::asObject)
                .filter(t -> t.valueOrNull("deviceId").asString().equals(deviceId))
                .map(TwinDocument::fromJson)
                .findFirst()
                .orElseThrow();
    }

    // ---------------------------------------------------------------- unknown and null members

    @Test
    void unknownRootFieldsArePreservedInOrderAndWrittenBack() {
        TwinDocument twin = read("{\"zeta\":[1,2.5],\"deviceId\":\"d\",\"futureField\":{\"a\":1},\"etag\":\"AAAAAAAAAAE=\","
                + "\"generationId\":\"637\"}");

        assertThat(twin.extraFields()).containsOnlyKeys("zeta", "futureField", "generationId");
        assertThat(List.copyOf(twin.extraFields().keySet())).containsExactly("zeta", "futureField", "generationId");
        assertThat(twin.extraFields().get("futureField")).isEqualTo(JsonValue.parseObject("{\"a\":1}"));
        JsonObject written = twin.toJson();
        assertThat(written.valueOrNull("zeta")).isEqualTo(JsonValue.parse("[1,2.5]"));
        assertThat(written.valueOrNull("generationId")).isEqualTo(JsonString.of("637"));
        assertThat(written.valueOrNull("futureField")).isEqualTo(JsonValue.parseObject("{\"a\":1}"));
        assertThatThrownBy(() -> twin.extraFields().put("x", JsonString.of("y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownNullRootFieldIsKeptAsNull() {
        TwinDocument twin = readWith("\"future\":null");

        assertThat(twin.extraFields()).containsKey("future");
        assertThat(twin.toJson().valueOrNull("future").isNull()).isTrue();
    }

    @Test
    void builderRefusesToStoreAKnownFieldAsExtra() {
        TwinDocument.Builder builder = TwinDocument.builder(DeviceId.of("d"));

        assertThatThrownBy(() -> builder.extraField("etag", JsonString.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("etag");
        TwinDocument twin = builder.extraField("x", JsonString.of("1")).extraField("y", JsonString.of("2"))
                .extraField("x", null).build();
        assertThat(twin.extraFields()).containsOnlyKeys("y");
    }

    @Test
    void nullRootMembersAreTreatedAsAbsent() {
        TwinDocument twin = read("{\"deviceId\":\"d\",\"moduleId\":null,\"etag\":null,\"deviceEtag\":null,\"version\":null,"
                + "\"status\":null,\"statusReason\":null,\"statusUpdateTime\":null,\"connectionState\":null,"
                + "\"lastActivityTime\":null,\"cloudToDeviceMessageCount\":null,\"authenticationType\":null,"
                + "\"x509Thumbprint\":null,\"modelId\":null,\"capabilities\":null,\"deviceScope\":null,"
                + "\"parentScopes\":null,\"configurations\":null,\"tags\":null,\"properties\":null}");

        assertThat(twin).isEqualTo(TwinDocument.builder(DeviceId.of("d")).build());
        assertThat(twin.toJson()).isEqualTo(JsonValue.parseObject("{\"deviceId\":\"d\"}"));
        assertThat(twin.isModuleTwin()).isFalse();
        assertThat(twin.etag()).isEmpty();
        assertThat(twin.version()).isEmpty();
        assertThat(twin.cloudToDeviceMessageCount()).isEmpty();
        assertThat(twin.hasTags()).isFalse();
        assertThat(twin.desired()).isEqualTo(PropertySection.empty());
        assertThat(twin.extraFields()).isEmpty();
    }

    @Test
    void nullSectionsUnderPropertiesAreAbsent() {
        TwinDocument twin = readWith("\"properties\":{\"desired\":null,\"reported\":{\"$version\":3}}");

        assertThat(twin.desired()).isEqualTo(PropertySection.empty());
        assertThat(twin.reported().version()).hasValue(3);
        assertThat(twin.toJson().valueOrNull("properties"))
                .isEqualTo(JsonValue.parseObject("{\"reported\":{\"$version\":3}}"));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void missingDeviceIdIsRejectedWithItsPath() {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class, () -> read("{\"etag\":\"AAAAAAAAAAE=\"}"));

        assertThat(e.path()).isEqualTo("deviceId");
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_FORMAT_ERROR);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(catchThrowableOfType(TwinJsonException.class, () -> read("{\"deviceId\":null}")).path())
                .isEqualTo("deviceId");
    }

    static Stream<Arguments> malformedTwins() {
        return Stream.of(
                Arguments.of("\"deviceId\":5", "deviceId", "string"),
                Arguments.of("\"deviceId\":\"bad id\"", "deviceId", "index 3"),
                Arguments.of("\"deviceId\":\"\"", "deviceId", "empty"),
                Arguments.of("\"moduleId\":\"a/b\"", "moduleId", "index 1"),
                Arguments.of("\"moduleId\":true", "moduleId", "string"),
                Arguments.of("\"etag\":1", "etag", "string"),
                Arguments.of("\"etag\":\"\\\"AAAAAAAAAAE=\\\"\"", "etag", "quote"),
                Arguments.of("\"deviceEtag\":\"\"", "deviceEtag", "empty"),
                Arguments.of("\"version\":\"4\"", "version", "non-negative integer"),
                Arguments.of("\"version\":-1", "version", "non-negative integer"),
                Arguments.of("\"version\":4.5", "version", "non-negative integer"),
                Arguments.of("\"version\":18446744073709551616", "version", "non-negative integer"),
                Arguments.of("\"status\":\"paused\"", "status", "enabled, disabled"),
                Arguments.of("\"status\":1", "status", "string"),
                Arguments.of("\"statusReason\":[]", "statusReason", "string"),
                Arguments.of("\"statusUpdateTime\":\"yesterday\"", "statusUpdateTime", "yesterday"),
                Arguments.of("\"statusUpdateTime\":\"2024-01-01T00:00:00\"", "statusUpdateTime", "ISO-8601"),
                Arguments.of("\"connectionState\":\"online\"", "connectionState", "Connected, Disconnected"),
                Arguments.of("\"lastActivityTime\":0", "lastActivityTime", "string"),
                Arguments.of("\"cloudToDeviceMessageCount\":\"0\"", "cloudToDeviceMessageCount", "integer"),
                Arguments.of("\"cloudToDeviceMessageCount\":3000000000", "cloudToDeviceMessageCount", "range"),
                Arguments.of("\"authenticationType\":\"password\"", "authenticationType",
                        "sas, selfSigned, certificateAuthority, none"),
                Arguments.of("\"x509Thumbprint\":\"abc\"", "x509Thumbprint", "object"),
                Arguments.of("\"x509Thumbprint\":{\"primaryThumbprint\":5}", "x509Thumbprint.primaryThumbprint",
                        "string"),
                Arguments.of("\"x509Thumbprint\":{\"secondaryThumbprint\":{}}", "x509Thumbprint.secondaryThumbprint",
                        "string"),
                Arguments.of("\"modelId\":1", "modelId", "string"),
                Arguments.of("\"capabilities\":true", "capabilities", "object"),
                Arguments.of("\"capabilities\":{\"iotEdge\":\"yes\"}", "capabilities.iotEdge", "boolean"),
                Arguments.of("\"deviceScope\":1", "deviceScope", "string"),
                Arguments.of("\"parentScopes\":\"scope\"", "parentScopes", "array"),
                Arguments.of("\"parentScopes\":[\"a\",1]", "parentScopes.1", "string"),
                Arguments.of("\"configurations\":[]", "configurations", "object"),
                Arguments.of("\"configurations\":{\"cfg\":1}", "configurations.cfg", "object"),
                Arguments.of("\"configurations\":{\"cfg\":{}}", "configurations.cfg", "status"),
                Arguments.of("\"configurations\":{\"cfg\":{\"status\":\"Done\"}}", "configurations.cfg.status",
                        "Targeted, Applied"),
                Arguments.of("\"tags\":[]", "tags", "object"),
                Arguments.of("\"tags\":{\"a\":{\"b\":null}}", "tags.a.b", "null"),
                Arguments.of("\"properties\":[]", "properties", "object"),
                Arguments.of("\"properties\":{\"other\":{}}", "properties.other", "desired or reported"),
                Arguments.of("\"properties\":{\"desired\":1}", "properties.desired", "object"),
                Arguments.of("\"properties\":{\"desired\":{\"$version\":-1}}", "properties.desired.$version",
                        "non-negative"),
                Arguments.of("\"properties\":{\"reported\":{\"$version\":\"2\"}}", "properties.reported.$version",
                        "non-negative"),
                Arguments.of("\"properties\":{\"reported\":{\"$version\":2.5}}", "properties.reported.$version",
                        "non-negative"),
                Arguments.of("\"properties\":{\"desired\":{\"$metadata\":[]}}", "properties.desired.$metadata",
                        "object"),
                Arguments.of("\"properties\":{\"desired\":{\"$metadata\":{\"a\":1}}}",
                        "properties.desired.$metadata.a", "object"),
                Arguments.of("\"properties\":{\"desired\":{\"$metadata\":{\"$lastUpdated\":7}}}",
                        "properties.desired.$metadata.$lastUpdated", "string"),
                Arguments.of("\"properties\":{\"reported\":{\"x\":{\"y\":[null]}}}", "properties.reported.x.y.0",
                        "null"));
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @MethodSource("malformedTwins")
    void wrongTypeOrValueIsRejectedNamingThePath(String members, String path, String messagePart) {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> read(members.startsWith("\"deviceId\"") ? "{" + members + "}" : "{\"deviceId\":\"d\"," + members + "}"));

        assertThat(e).as("no exception for %s", members).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains("(at '" + path + "')").contains(messagePart);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_FORMAT_ERROR);
    }

    // ---------------------------------------------------------------- field reading

    @ParameterizedTest
    @ValueSource(strings = {"connected", "Connected", "CONNECTED", "cOnNeCtEd"})
    void connectionStateIsReadCaseInsensitivelyAndWrittenCapitalised(String text) {
        TwinDocument twin = readWith("\"connectionState\":\"" + text + "\",\"status\":\"DISABLED\","
                + "\"authenticationType\":\"SelfSigned\"");

        assertThat(twin.connectionState()).contains(ConnectionState.CONNECTED);
        assertThat(twin.status()).contains(DeviceStatus.DISABLED);
        assertThat(twin.authenticationType()).contains(AuthenticationType.SELF_SIGNED);
        assertThat(twin.toJson().valueOrNull("connectionState")).isEqualTo(JsonString.of("Connected"));
        assertThat(twin.toJson().valueOrNull("status")).isEqualTo(JsonString.of("disabled"));
        assertThat(twin.toJson().valueOrNull("authenticationType")).isEqualTo(JsonString.of("selfSigned"));
    }

    @Test
    void moduleTwinCarriesItsModuleId() {
        TwinDocument twin = readWith("\"moduleId\":\"$edgeAgent\",\"etag\":\"AAAAAAAAAAE=\",\"version\":2");

        assertThat(twin.isModuleTwin()).isTrue();
        assertThat(twin.moduleId()).contains(ModuleId.of("$edgeAgent"));
        assertThat(twin.toJson().valueOrNull("moduleId")).isEqualTo(JsonString.of("$edgeAgent"));
        assertThat(twin).isNotEqualTo(readWith("\"moduleId\":\"$edgeHub\",\"etag\":\"AAAAAAAAAAE=\",\"version\":2"));
        assertThat(twin).isNotEqualTo(readWith("\"etag\":\"AAAAAAAAAAE=\",\"version\":2"));
    }

    @Test
    void emptyModuleIdMeansADeviceTwin() {
        TwinDocument twin = readWith("\"moduleId\":\"\"");

        assertThat(twin.isModuleTwin()).isFalse();
        assertThat(twin.moduleId()).isEmpty();
    }

    @Test
    void edgeFieldsAreRead() {
        TwinDocument twin = readWith("\"deviceScope\":\"ms-azure-iot-edge://gw-1\",\"parentScopes\":[\"p1\",\"p2\"],"
                + "\"configurations\":{\"cfg1\":{\"status\":\"Applied\"},\"cfg2\":{\"status\":\"targeted\"}},"
                + "\"statusReason\":\"maintenance\",\"x509Thumbprint\":{\"primaryThumbprint\":\"AB12\","
                + "\"secondaryThumbprint\":null}");

        assertThat(twin.deviceScope()).contains("ms-azure-iot-edge://gw-1");
        assertThat(twin.parentScopes()).containsExactly("p1", "p2");
        assertThat(twin.configurations()).containsExactly(Map.entry("cfg1", ConfigurationStatus.APPLIED),
                Map.entry("cfg2", ConfigurationStatus.TARGETED));
        assertThat(twin.statusReason()).contains("maintenance");
        assertThat(twin.x509Thumbprint()).contains(new X509Thumbprint("AB12", null));
        JsonObject written = twin.toJson();
        assertThat(written.valueOrNull("configurations"))
                .isEqualTo(JsonValue.parseObject(
                        "{\"cfg1\":{\"status\":\"Applied\"},\"cfg2\":{\"status\":\"Targeted\"}}"));
        assertThat(written.valueOrNull("parentScopes")).isEqualTo(JsonValue.parse("[\"p1\",\"p2\"]"));
        assertThat(TwinDocument.fromJson(written)).isEqualTo(twin);
    }

    @Test
    void sevenDigitLastActivityTimeIsKept() {
        TwinDocument twin = readWith("\"lastActivityTime\":\"2024-06-10T05:05:05.9761939Z\","
                + "\"statusUpdateTime\":\"2021-09-20T21:58:00.88633Z\"");

        assertThat(twin.lastActivityTime().orElseThrow().getNano()).isEqualTo(976_193_900);
        assertThat(twin.toJson().valueOrNull("lastActivityTime")).isEqualTo(JsonString.of("2024-06-10T05:05:05.9761939Z"));
        assertThat(twin.toJson().valueOrNull("statusUpdateTime")).isEqualTo(JsonString.of("2021-09-20T21:58:00.88633Z"));
    }

    @Test
    void timestampWithOffsetIsReadAsUtc() {
        TwinDocument twin = readWith("\"lastActivityTime\":\"2024-06-10T07:05:05+02:00\"");

        assertThat(twin.lastActivityTime()).contains(Instant.parse("2024-06-10T05:05:05Z"));
    }

    // ---------------------------------------------------------------- tags

    @Test
    void absentAndEmptyTagsAreDistinguished() {
        TwinDocument absent = readWith("\"etag\":\"AAAAAAAAAAE=\"");
        TwinDocument empty = readWith("\"etag\":\"AAAAAAAAAAE=\",\"tags\":{}");

        assertThat(absent.hasTags()).isFalse();
        assertThat(absent.tags()).isEqualTo(PropertySet.empty());
        assertThat(absent.toJson().contains("tags")).isFalse();
        assertThat(empty.hasTags()).isTrue();
        assertThat(empty.tags().isEmpty()).isTrue();
        assertThat(empty.toJson().valueOrNull("tags")).isEqualTo(JsonObject.empty());
        assertThat(empty).isNotEqualTo(absent);
        assertThat(absent.withTags(PropertySet.empty())).isEqualTo(empty);
        assertThat(empty.toBuilder().tags(null).build()).isEqualTo(absent);
    }

    // ---------------------------------------------------------------- builder

    @Test
    void builderSetsEveryFieldAndWritesTheServiceForm() {
        PropertySection desired = PropertySection.of(PropertySet.builder().put("rate", 5).build(), 2);
        TwinDocument twin = TwinDocument.builder(DeviceId.of("dev1"))
                .moduleId(ModuleId.of("m1"))
                .etag(ETag.ofCounter(2))
                .deviceEtag(ETag.of("NTY3NzA5OTQz"))
                .version(4)
                .status(DeviceStatus.ENABLED)
                .statusReason("ok")
                .statusUpdateTime(TwinTime.NEVER)
                .connectionState(ConnectionState.DISCONNECTED)
                .lastActivityTime(Instant.parse("2024-01-01T00:00:00.5Z"))
                .cloudToDeviceMessageCount(3)
                .authenticationType(AuthenticationType.SAS)
                .x509Thumbprint(X509Thumbprint.none())
                .modelId("dtmi:com:example:Thermostat;1")
                .capabilities(new Capabilities(true))
                .deviceScope("scope")
                .parentScopes(List.of("parent"))
                .configurations(Map.of("cfg", ConfigurationStatus.TARGETED))
                .tags(PropertySet.builder().put("site.bldg", "43").build())
                .desired(desired)
                .reported(PropertySection.of(PropertySet.empty(), 2))
                .extraField("future", JsonNumber.of(1))
                .build();

        JsonObject expected = JsonValue.parseObject(
                "{\"deviceId\":\"dev1\",\"moduleId\":\"m1\",\"etag\":\"AAAAAAAAAAI=\","
                + "\"deviceEtag\":\"NTY3NzA5OTQz\",\"version\":4,\"status\":\"enabled\",\"statusReason\":\"ok\","
                + "\"statusUpdateTime\":\"0001-01-01T00:00:00Z\",\"connectionState\":\"Disconnected\","
                + "\"lastActivityTime\":\"2024-01-01T00:00:00.5Z\",\"cloudToDeviceMessageCount\":3,"
                + "\"authenticationType\":\"sas\",\"x509Thumbprint\":{\"primaryThumbprint\":null,"
                + "\"secondaryThumbprint\":null},\"modelId\":\"dtmi:com:example:Thermostat;1\","
                + "\"capabilities\":{\"iotEdge\":true},\"deviceScope\":\"scope\",\"parentScopes\":[\"parent\"],"
                + "\"configurations\":{\"cfg\":{\"status\":\"Targeted\"}},\"tags\":{\"site\":{\"bldg\":\"43\"}},"
                + "\"properties\":{\"desired\":{\"rate\":5,\"$version\":2},\"reported\":{\"$version\":2}},"
                + "\"future\":1}");
        assertThat(twin.toJson()).isEqualTo(expected);
        assertThat(twin.toJson().keyAt(0)).isEqualTo("deviceId");
        assertThat(TwinDocument.fromJson(expected)).isEqualTo(twin);
        assertThat(twin.toString()).isEqualTo(twin.toJson().toString());
    }

    @Test
    void builderCopiesCollectionsDefensively() {
        List<String> scopes = new java.util.ArrayList<>(List.of("a"));
        Map<String, ConfigurationStatus> configurations = new java.util.HashMap<>(Map.of("c",
                ConfigurationStatus.APPLIED));
        TwinDocument twin = TwinDocument.builder(DeviceId.of("d")).parentScopes(scopes)
                .configurations(configurations).build();
        scopes.add("b");
        configurations.clear();

        assertThat(twin.parentScopes()).containsExactly("a");
        assertThat(twin.configurations()).containsOnlyKeys("c");
        assertThatThrownBy(() -> twin.parentScopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> twin.configurations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void negativeNumbersUnsetVersionAndMessageCount() {
        TwinDocument twin = TwinDocument.builder(DeviceId.of("d")).version(7).cloudToDeviceMessageCount(2).build();
        TwinDocument unset = twin.toBuilder().version(-5).cloudToDeviceMessageCount(-1).build();

        assertThat(unset.version()).isEmpty();
        assertThat(unset.cloudToDeviceMessageCount()).isEmpty();
        assertThat(unset.toJson()).isEqualTo(JsonValue.parseObject("{\"deviceId\":\"d\"}"));
        assertThat(unset).isEqualTo(TwinDocument.builder(DeviceId.of("d")).build());
    }

    @Test
    void toBuilderStartsFromTheTwinAndLeavesItUnchanged() {
        TwinDocument original = TwinCodecRoundTripTest.sampleTwin();
        TwinDocument copy = original.toBuilder().build();
        TwinDocument changed = original.toBuilder().deviceId(DeviceId.of("dev2")).etag(ETag.ofCounter(3)).build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(changed.deviceId()).isEqualTo(DeviceId.of("dev2"));
        assertThat(changed.etag()).contains(ETag.ofCounter(3));
        assertThat(changed.desired()).isEqualTo(original.desired());
        assertThat(original.deviceId()).isEqualTo(DeviceId.of("dev1"));
        assertThat(original.etag()).contains(ETag.ofCounter(2));
        assertThatThrownBy(() -> TwinDocument.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> original.toBuilder().deviceId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withTagsDesiredAndReportedReplaceOneSection() {
        TwinDocument original = TwinCodecRoundTripTest.sampleTwin();
        PropertySet tags = PropertySet.builder().put("env", "prod").build();
        PropertySection desired = PropertySection.of(PropertySet.builder().put("rate", 10).build(), 3);
        PropertySection reported = PropertySection.of(PropertySet.builder().put("rate", 10).build(), 3);

        TwinDocument withTags = original.withTags(tags);
        TwinDocument withDesired = original.withDesired(desired);
        TwinDocument withReported = original.withReported(reported);

        assertThat(withTags.tags()).isEqualTo(tags);
        assertThat(withTags.desired()).isEqualTo(original.desired());
        assertThat(withDesired.desired()).isEqualTo(desired);
        assertThat(withDesired.tags()).isEqualTo(original.tags());
        assertThat(withDesired.reported()).isEqualTo(original.reported());
        assertThat(withReported.reported()).isEqualTo(reported);
        assertThat(withReported.desired()).isEqualTo(original.desired());
        assertThat(original.tags().getString("site.bldg")).contains("43");
        assertThat(original.desired().properties().getLong("rate")).hasValue(5);
        assertThat(withDesired.toJson().valueOrNull("properties").asObject().valueOrNull("desired"))
                .isEqualTo(JsonValue.parseObject("{\"rate\":10,\"$version\":3}"));
    }

    // ---------------------------------------------------------------- metadata lookup

    @Test
    void metadataLookupFallsBackToTheNearestStampedAncestor() {
        TwinDocument twin = fixtureTwin("sensor-md-035");
        PropertySection reported = twin.reported();
        TwinPath status = TwinPath.parse("telemetryConfig.status");
        Instant stamp = Instant.parse("2024-06-01T12:00:00.1234567Z");

        assertThat(reported.get("telemetryConfig.status")).contains(JsonString.of("Success"));
        assertThat(reported.metadataAt(status)).isEmpty();
        assertThat(reported.metadataAt(TwinPath.parse("telemetryConfig"))).isPresent();
        assertThat(reported.lastUpdated(status)).contains(stamp);
        assertThat(reported.metadata().orElseThrow().nearest(status))
                .isEqualTo(reported.metadataAt(TwinPath.parse("telemetryConfig")).orElseThrow());
        assertThat(reported.lastUpdatedVersion(status)).isEmpty();
        assertThat(reported.lastUpdated(TwinPath.parse("noSuchKey.deeper"))).contains(stamp);
        assertThat(twin.desired().lastUpdatedVersion(TwinPath.parse("targetTemperature"))).hasValue(4);
        assertThat(twin.desired().lastUpdated(TwinPath.parse("targetTemperature"))).contains(stamp);
    }

    @Test
    void sectionsWithoutMetadataHaveNoTimestamps() {
        TwinDocument twin = readWith("\"properties\":{\"desired\":{\"a\":1,\"$version\":1}}");

        assertThat(twin.desired().lastUpdated(TwinPath.parse("a"))).isEmpty();
        assertThat(twin.desired().lastUpdatedVersion(TwinPath.parse("a"))).isEmpty();
        assertThat(twin.reported().lastUpdated(TwinPath.root())).isEmpty();
    }

    @Test
    void badTimestampInMetadataFailsOnlyWhenAskedNamingItsPath() {
        TwinDocument twin = readWith("\"properties\":{\"desired\":{\"a\":1,"
                + "\"$metadata\":{\"$lastUpdated\":\"2024-01-01T00:00:00Z\",\"a\":{\"$lastUpdated\":\"soon\"}}}}");

        assertThat(twin.desired().lastUpdated(TwinPath.root())).contains(Instant.parse("2024-01-01T00:00:00Z"));
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> twin.desired().lastUpdated(TwinPath.parse("a")));
        assertThat(e.path()).isEqualTo("properties.desired.$metadata.a.$lastUpdated");
        assertThat(e.getMessage()).contains("soon");
    }

    // ---------------------------------------------------------------- equality

    @Test
    void equalityIgnoresMemberOrderAndNumberKind() {
        TwinDocument a = read("{\"deviceId\":\"d\",\"version\":2,\"tags\":{\"x\":1,\"y\":{\"z\":true}}}");
        TwinDocument b = read("{\"tags\":{\"y\":{\"z\":true},\"x\":1.0},\"version\":2,\"deviceId\":\"d\"}");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    static Stream<String> oneFieldDifferent() {
        return Stream.of("\"deviceId\":\"e\"", "\"moduleId\":\"m\"", "\"etag\":\"AAAAAAAAAAI=\"",
                "\"deviceEtag\":\"x\"", "\"version\":3", "\"status\":\"disabled\"", "\"statusReason\":\"r\"",
                "\"statusUpdateTime\":\"2024-01-01T00:00:00Z\"", "\"connectionState\":\"Connected\"",
                "\"lastActivityTime\":\"2024-01-01T00:00:00.0000001Z\"", "\"cloudToDeviceMessageCount\":1",
                "\"authenticationType\":\"none\"", "\"x509Thumbprint\":{\"primaryThumbprint\":\"A\"}",
                "\"modelId\":\"m\"", "\"capabilities\":{\"iotEdge\":true}", "\"deviceScope\":\"s\"",
                "\"parentScopes\":[]", "\"configurations\":{}", "\"tags\":{\"a\":2}",
                "\"properties\":{\"desired\":{\"a\":1,\"$version\":2}}",
                "\"properties\":{\"reported\":{\"a\":1,\"$version\":2}}", "\"future\":true");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldDifferent")
    void twinsDifferingInOneFieldAreNotEqual(String member) {
        String base = "{\"deviceId\":\"d\",\"etag\":\"AAAAAAAAAAE=\",\"version\":2,\"status\":\"enabled\","
                + "\"statusUpdateTime\":\"0001-01-01T00:00:00Z\",\"connectionState\":\"Disconnected\","
                + "\"lastActivityTime\":\"2024-01-01T00:00:00Z\",\"cloudToDeviceMessageCount\":0,"
                + "\"authenticationType\":\"sas\",\"x509Thumbprint\":{\"primaryThumbprint\":null},"
                + "\"modelId\":\"\",\"capabilities\":{\"iotEdge\":false},\"tags\":{\"a\":1},"
                + "\"properties\":{\"desired\":{\"a\":1,\"$version\":1},\"reported\":{\"a\":1,\"$version\":1}}}";
        JsonObject baseJson = JsonValue.parseObject(base);
        JsonObject change = JsonValue.parseObject("{" + member + "}");
        JsonObject.Builder changed = baseJson.toBuilder();
        change.forEach(changed::put);

        TwinDocument original = TwinDocument.fromJson(baseJson);
        TwinDocument other = TwinDocument.fromJson(changed.build());
        assertThat(other).isNotEqualTo(original);
        assertThat(TwinDocument.fromJson(baseJson)).isEqualTo(original).hasSameHashCodeAs(original);
    }

    @Test
    void presenceOfOptionalMembersIsReported() {
        TwinDocument full = TwinDocument.fromJson(JsonValue.parse("{\"deviceId\":\"d\",\"parentScopes\":[],"
                + "\"configurations\":{},\"properties\":{\"desired\":{},\"reported\":{\"$version\":1}}}").asObject());
        TwinDocument bare = TwinDocument.builder(DeviceId.of("d")).build();

        assertThat(full.hasParentScopes()).isTrue();
        assertThat(full.hasConfigurations()).isTrue();
        assertThat(full.hasDesired()).isTrue();
        assertThat(full.hasReported()).isTrue();
        assertThat(bare.hasParentScopes()).isFalse();
        assertThat(bare.hasConfigurations()).isFalse();
        assertThat(bare.hasDesired()).isFalse();
        assertThat(bare.hasReported()).isFalse();
    }

    @Test
    void everyListedFieldNameIsReadAsAFieldAndNoOtherNameIs() {
        for (String name : TwinDocument.FIELD_NAMES.subList(1, TwinDocument.FIELD_NAMES.size())) {
            TwinDocument twin = read("{\"deviceId\":\"d\",\"" + name + "\":null}");
            assertThat(twin.extraFields()).as(name).isEmpty();
        }
        TwinDocument twin = read("{\"deviceId\":\"d\",\"jobId\":null}");
        assertThat(twin.extraFields()).containsOnlyKeys("jobId");
        assertThat(TwinDocument.FIELD_NAMES).doesNotHaveDuplicates().startsWith("deviceId", "moduleId")
                .endsWith("tags", "properties");
    }
}
