package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.KeyRules;
import io.twinkit.query.QueryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paths read from the twin model give what they address in the twin's JSON form. */
class PathResolutionTest {

    private static final JsonObject FULL = JsonValue.parse("""
            {"deviceId": "edge-1", "moduleId": "$edgeHub", "etag": "AAAAAAAAAAE=", "deviceEtag": "NDI0Njc5",
             "status": "disabled", "statusReason": "stolen", "statusUpdateTime": "2024-01-02T03:04:05.1234567Z",
             "connectionState": "Disconnected", "lastActivityTime": "0001-01-01T00:00:00Z",
             "cloudToDeviceMessageCount": 3, "authenticationType": "selfSigned",
             "x509Thumbprint": {"primaryThumbprint": "AB12", "secondaryThumbprint": null},
             "modelId": "dtmi:x;1", "version": 42,
             "tags": {"location": {"plant": "P", "floor": 3.0}, "list": [1, {"a": 1}]},
             "properties": {
               "desired": {"target": {"t": 21}, "$metadata": {"$lastUpdated": "2024-01-01T00:00:00Z",
                 "target": {"$lastUpdated": "2024-01-01T00:00:00Z", "$lastUpdatedVersion": 4}}, "$version": 4},
               "reported": {"fw": "1.0", "$version": 9}},
             "capabilities": {"iotEdge": true}, "deviceScope": "ms-azure-iot-edge://edge-1-637",
             "parentScopes": ["ms-azure-iot-edge://parent-1"],
             "configurations": {"cfg1": {"status": "Applied"}},
             "customRoot": {"x": "y"}, "jobId": "job-7"}
            """).asObject();

    private static final TwinDocument TWIN = TwinDocument.fromJson(FULL);

    private static Optional<JsonValue> at(TwinDocument twin, String... segments) {
        return CompiledQuery.evaluate(QueryPath.of(segments), twin);
    }

    @Test
    void everyAddressablePathResolvesToItsValueInTheJsonForm() {
        JsonObject json = TWIN.toJson();
        List<List<String>> paths = new ArrayList<>();
        collect(json, new ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(30);
        for (List<String> path : paths) {
            JsonValue expected = json;
            for (String segment : path) {
                expected = expected.asObject().valueOrNull(segment);
            }
            assertThat(at(TWIN, path.toArray(new String[0]))).as(String.join(".", path)).contains(expected);
        }
    }

    private static void collect(JsonObject object, List<String> prefix, List<List<String>> paths) {
        for (int i = 0; i < object.size(); i++) {
            String key = object.keyAt(i);
            if (KeyRules.firstForbiddenIndex(key) >= 0) {
                continue; // $version and $metadata cannot be written as path segments
            }
            List<String> path = new ArrayList<>(prefix);
            path.add(key);
            paths.add(path);
            if (object.valueAt(i) instanceof JsonObject child) {
                collect(child, path, paths);
            }
        }
    }

    @Test
    void rootFieldsUseTheServiceSpelling() {
        assertThat(at(TWIN, "status")).contains(JsonString.of("disabled"));
        assertThat(at(TWIN, "connectionState")).contains(JsonString.of("Disconnected"));
        assertThat(at(TWIN, "authenticationType")).contains(JsonString.of("selfSigned"));
        assertThat(at(TWIN, "statusUpdateTime")).contains(JsonString.of("2024-01-02T03:04:05.1234567Z"));
        assertThat(at(TWIN, "lastActivityTime")).contains(JsonString.of("0001-01-01T00:00:00Z"));
        assertThat(at(TWIN, "version")).contains(JsonNumber.of(42));
        assertThat(at(TWIN, "cloudToDeviceMessageCount")).contains(JsonNumber.of(3));
        assertThat(at(TWIN, "moduleId")).contains(JsonString.of("$edgeHub"));
        assertThat(at(TWIN, "capabilities", "iotEdge")).contains(JsonBoolean.TRUE);
        assertThat(at(TWIN, "configurations", "cfg1", "status")).contains(JsonString.of("Applied"));
        assertThat(at(TWIN, "parentScopes")).contains(JsonArray.of(JsonString.of("ms-azure-iot-edge://parent-1")));
    }

    @Test
    void rootFieldsAreMatchedWhateverTheirCase() {
        assertThat(at(TWIN, "DeviceId")).contains(JsonString.of("edge-1"));
        assertThat(at(TWIN, "CONNECTIONSTATE")).contains(JsonString.of("Disconnected"));
        assertThat(at(TWIN, "Tags", "location", "plant")).contains(JsonString.of("P"));
    }

    @Test
    void segmentsBelowTheRootAreCaseSensitive() {
        assertThat(at(TWIN, "tags", "Location", "plant")).isEmpty();
        assertThat(at(TWIN, "properties", "Desired", "target")).isEmpty();
        assertThat(at(TWIN, "capabilities", "IotEdge")).isEmpty();
    }

    @Test
    void sectionsIncludeVersionAndMetadataWhenAddressedWhole() {
        JsonObject desired = at(TWIN, "properties", "desired").orElseThrow().asObject();
        assertThat(desired.valueOrNull("$version")).isEqualTo(JsonNumber.of(4));
        assertThat(desired.valueOrNull("$metadata")).isInstanceOf(JsonObject.class);
        assertThat(desired.valueOrNull("target")).isEqualTo(JsonObject.of("t", JsonNumber.of(21)));
        JsonObject properties = at(TWIN, "properties").orElseThrow().asObject();
        assertThat(properties.keys()).containsExactly("desired", "reported");
        assertThat(properties.valueOrNull("reported")).isEqualTo(JsonValue.parse("{\"fw\":\"1.0\",\"$version\":9}"));
        assertThat(at(TWIN, "properties", "desired", "target", "t")).contains(JsonNumber.of(21));
        assertThat(at(TWIN, "properties", "other")).isEmpty();
    }

    @Test
    void unknownRootsComeFromTheExtraFields() {
        assertThat(at(TWIN, "customRoot", "x")).contains(JsonString.of("y"));
        assertThat(at(TWIN, "jobId")).contains(JsonString.of("job-7"));
        assertThat(at(TWIN, "customroot")).isEmpty();
        assertThat(at(TWIN, "nothing")).isEmpty();
    }

    @Test
    void pathsNeverIndexIntoArraysOrLeaveScalars() {
        assertThat(at(TWIN, "tags", "list")).contains(JsonValue.parse("[1, {\"a\": 1}]"));
        assertThat(at(TWIN, "tags", "list", "0")).isEmpty();
        assertThat(at(TWIN, "tags", "list", "a")).isEmpty();
        assertThat(at(TWIN, "parentScopes", "0")).isEmpty();
        assertThat(at(TWIN, "deviceId", "length")).isEmpty();
        assertThat(at(TWIN, "capabilities", "iotEdge", "x")).isEmpty();
        assertThat(at(TWIN, "tags", "location", "floor", "x")).isEmpty();
    }

    @Test
    void absentFieldsAreUndefined() {
        TwinDocument bare = TwinDocument.builder(DeviceId.of("bare")).build();
        for (String root : TwinDocument.FIELD_NAMES) {
            if (!root.equals("deviceId")) {
                assertThat(at(bare, root)).as(root).isEmpty();
            }
        }
        assertThat(at(bare, "deviceId")).contains(JsonString.of("bare"));
        assertThat(at(bare, "properties", "desired")).isEmpty();
        assertThat(at(bare, "properties", "desired", "x")).isEmpty();
        assertThat(at(bare, "capabilities", "iotEdge")).isEmpty();
        assertThat(at(bare, "tags", "x")).isEmpty();
    }

    @Test
    void presentButEmptyTagsAndSectionsAreDefined() {
        TwinDocument twin = TwinDocument.fromJson(JsonValue.parse(
                "{\"deviceId\": \"d\", \"tags\": {}, \"properties\": {\"desired\": {}, \"reported\": {\"$version\": 1}}}")
                .asObject());
        assertThat(at(twin, "tags")).contains(JsonObject.empty());
        assertThat(at(twin, "properties", "desired")).contains(JsonObject.empty());
        assertThat(at(twin, "properties", "reported")).contains(JsonObject.of("$version", JsonNumber.of(1)));
        assertThat(at(twin, "properties")).contains(JsonValue.parse("{\"desired\": {}, \"reported\": {\"$version\": 1}}"));
    }

    @Test
    void presenceFollowsTheModelNotTheContent() {
        TwinDocument twin = TwinDocument.builder(DeviceId.of("d"))
                .desired(PropertySection.of(PropertySet.empty(), 2))
                .reported(PropertySection.empty())
                .parentScopes(List.of())
                .build();
        assertThat(at(twin, "properties"))
                .contains(JsonValue.parse("{\"desired\": {\"$version\": 2}, \"reported\": {}}"));
        assertThat(at(twin, "properties", "reported")).contains(JsonObject.empty());
        assertThat(at(twin, "parentScopes")).contains(JsonValue.parse("[]"));
        assertThat(at(twin, "configurations")).isEmpty();
        assertThat(at(twin, "properties")).isEqualTo(java.util.Optional.of(
                twin.toJson().valueOrNull("properties")));
    }
}
