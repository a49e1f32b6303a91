package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.PropertyMetadata;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How writes stamp {@code $metadata}: written nodes and every ancestor, siblings untouched, deletes drop nodes. */
class MetadataTest {

    private static final String T1 = "2024-01-01T00:00:00.1234567Z";
    private static final String T2 = "2024-01-02T10:20:30.5Z";
    private static final String T3 = "2024-01-03T00:00:01Z";

    private final SettableClock clock = new SettableClock(Instant.parse(T1));
    private final IotHub hub = IotHub.create(HubOptions.builder().clock(clock).build());
    private final TwinKey key = TwinKey.device("meta-1");

    MetadataTest() {
        hub.registry().createDevice(key.deviceId());
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aFreshTwinHasOnlyRootStampsAtNever() {
        TwinDocument twin = hub.twins().get(key);
        assertThat(desiredMetadata()).isEqualTo(json("{\"$lastUpdated\":\"0001-01-01T00:00:00Z\"}"));
        assertThat(twin.reported().metadata().orElseThrow().toJson())
                .isEqualTo(json("{\"$lastUpdated\":\"0001-01-01T00:00:00Z\"}"));
    }

    @Test
    void aPatchStampsEveryWrittenNodeAndAncestorWhileUntouchedSiblingsKeepTheirStamps() {
        updateDesired("{\"a\":{\"b\":1,\"c\":2},\"d\":3}");
        assertThat(desiredMetadata()).isEqualTo(json("{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2,"
                + "\"a\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2,"
                + "\"b\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2},"
                + "\"c\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2}},"
                + "\"d\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2}}"));

        clock.set(Instant.parse(T2));
        updateDesired("{\"a\":{\"b\":5}}");
        assertThat(desiredMetadata()).isEqualTo(json("{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3,"
                + "\"a\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3,"
                + "\"b\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3},"
                + "\"c\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2}},"
                + "\"d\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2}}"));
    }

    @Test
    void timestampsHaveTheServicesSevenDigitsTrimmedFromTheClock() {
        clock.set(Instant.parse("2024-02-03T04:05:06.123456789Z"));
        updateDesired("{\"x\":1}");
        assertThat(node("x").toJson().valueOrNull("$lastUpdated").asString()).isEqualTo("2024-02-03T04:05:06.1234567Z");
        clock.set(Instant.parse("2024-02-03T04:05:06.120000099Z"));
        updateDesired("{\"x\":2}");
        assertThat(node("x").toJson().valueOrNull("$lastUpdated").asString()).isEqualTo("2024-02-03T04:05:06.12Z");
        assertThat(hub.twins().get(key).desired().lastUpdated(TwinPath.parse("x")))
                .contains(Instant.parse("2024-02-03T04:05:06.12Z"));
    }

    @Test
    void deletingAKeyDropsItsNodeAndStampsTheAncestors() {
        updateDesired("{\"a\":{\"b\":1,\"c\":2}}");
        clock.set(Instant.parse(T2));
        updateDesired("{\"a\":{\"c\":null},\"ghost\":null}");
        JsonObject a = desiredMetadata().valueOrNull("a").asObject();
        assertThat(a.contains("c")).isFalse();
        assertThat(a.valueOrNull("$lastUpdated").asString()).isEqualTo(T2);
        assertThat(a.valueOrNull("b").asObject().valueOrNull("$lastUpdated").asString()).isEqualTo(T1);
        assertThat(desiredMetadata().contains("ghost")).isFalse();
        assertThat(desiredMetadata().valueOrNull("$lastUpdatedVersion").asNumber().longValue()).isEqualTo(3);
    }

    @Test
    void aNestedDeleteOfAMissingObjectCreatesAndStampsIt() {
        updateDesired("{\"a\":{\"b\":null}}");
        assertThat(hub.twins().get(key).desired().properties().toJson()).isEqualTo(json("{\"a\":{}}"));
        assertThat(desiredMetadata().valueOrNull("a")).isEqualTo(json("{\"$lastUpdated\":\"" + T1
                + "\",\"$lastUpdatedVersion\":2}"));
    }

    @Test
    void aValueThatChangesBetweenLeafAndObjectGetsAFreshNode() {
        updateDesired("{\"a\":{\"b\":1,\"c\":{\"d\":2}}}");
        clock.set(Instant.parse(T2));
        updateDesired("{\"a\":7}");
        assertThat(node("a").toJson()).isEqualTo(json("{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3}"));
        clock.set(Instant.parse(T3));
        updateDesired("{\"a\":{\"e\":1}}");
        assertThat(node("a").childNames()).containsExactly("e");
    }

    @Test
    void arraysAreLeaves() {
        updateDesired("{\"list\":[{\"x\":1},[2]]}");
        assertThat(node("list").childNames()).isEmpty();
    }

    @Test
    void aReplaceRestampsTheWholeSection() {
        updateDesired("{\"a\":{\"b\":1,\"c\":2},\"d\":3}");
        clock.set(Instant.parse(T2));
        hub.twins().replace(key, json("{\"properties\":{\"desired\":{\"a\":{\"b\":1},\"e\":[1]}}}"), null);
        assertThat(desiredMetadata()).isEqualTo(json("{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3,"
                + "\"a\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3,"
                + "\"b\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3}},"
                + "\"e\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3}}"));
    }

    @Test
    void reportedMetadataHasNoLastUpdatedVersion() {
        hub.twins().report(key, json("{\"fw\":{\"version\":\"1.0\",\"build\":7},\"battery\":90}"), null);
        clock.set(Instant.parse(T2));
        hub.twins().report(key, json("{\"fw\":{\"version\":\"1.1\"},\"battery\":null}"), null);
        JsonObject metadata = hub.twins().get(key).reported().metadata().orElseThrow().toJson();
        assertThat(metadata).isEqualTo(json("{\"$lastUpdated\":\"" + T2 + "\","
                + "\"fw\":{\"$lastUpdated\":\"" + T2 + "\","
                + "\"version\":{\"$lastUpdated\":\"" + T2 + "\"},"
                + "\"build\":{\"$lastUpdated\":\"" + T1 + "\"}}}"));
    }

    @Test
    void tagsOnlyWritesAndReportsLeaveDesiredMetadataAlone() {
        updateDesired("{\"a\":1}");
        JsonObject before = desiredMetadata();
        clock.set(Instant.parse(T2));
        hub.twins().update(key, json("{\"tags\":{\"site\":\"x\"}}"), null);
        hub.twins().report(key, json("{\"a\":1}"), null);
        assertThat(desiredMetadata()).isEqualTo(before);
    }

    @Test
    void anEmptyDesiredPatchStampsOnlyTheRoot() {
        updateDesired("{\"a\":1}");
        clock.set(Instant.parse(T2));
        updateDesired("{}");
        assertThat(desiredMetadata()).isEqualTo(json("{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":3,"
                + "\"a\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":2}}"));
    }

    @Test
    void anImportedTwinWithoutMetadataGetsOnlyTheNodesItsWritesStamp() {
        TwinKey imported = TwinKey.device("imported-1");
        hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"imported-1\",\"etag\":\"AAAAAAAAAAM=\","
                + "\"version\":8,\"properties\":{\"desired\":{\"a\":1,\"b\":2,\"$version\":3},"
                + "\"reported\":{\"$version\":5}}}")));
        assertThat(hub.twins().get(imported).desired().metadata()).isEmpty();
        hub.twins().update(imported, json("{\"properties\":{\"desired\":{\"b\":3}}}"), null);
        assertThat(hub.twins().get(imported).desired().metadata().orElseThrow().toJson()).isEqualTo(json(
                "{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":4,"
                        + "\"b\":{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":4}}"));
        assertThat(hub.twins().get(imported).reported().metadata()).isEmpty();
    }

    @Test
    void theDeviceViewCarriesNoMetadata() {
        updateDesired("{\"a\":{\"b\":1}}");
        hub.twins().report(key, json("{\"r\":1}"), null);
        assertThat(hub.twins().deviceGet(key)).isEqualTo(json("{\"desired\":{\"a\":{\"b\":1},\"$version\":2},"
                + "\"reported\":{\"r\":1,\"$version\":2}}"));
    }

    private void updateDesired(String desired) {
        hub.twins().update(key, JsonObject.of("properties", JsonObject.of("desired", json(desired))), null);
    }

    private JsonObject desiredMetadata() {
        return hub.twins().get(key).desired().metadata().orElseThrow().toJson();
    }

    private PropertyMetadata node(String path) {
        return hub.twins().get(key).desired().metadataAt(TwinPath.parse(path)).orElseThrow();
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant value) {
            this.now = value;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
