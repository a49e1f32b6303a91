package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ETag;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.store.HubStorage;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every write goes through storage first; a hub is rebuilt from what storage holds. */
class HubStorageTest {

    private static final HubOptions OPTIONS = HubOptions.builder()
            .clock(Clock.fixed(Instant.parse("2024-07-08T09:10:11.1213141Z"), ZoneOffset.UTC)).build();

    @Test
    void aNewStoreGetsTheDefaultPoliciesAndTheFormatRecord() {
        MapStorage storage = new MapStorage();
        try (Hub hub = Hub.open(OPTIONS, storage)) {
            assertThat(storage.records(Namespace.POLICIES).keySet())
                    .containsExactlyInAnyOrder("iothubowner", "service", "device", "registryRead",
                            "registryReadWrite");
            JsonObject service = storage.records(Namespace.POLICIES).get("service");
            assertThat(service.valueOrNull("rights")).isEqualTo(JsonValue.of("ServiceConnect"));
            assertThat(service.valueOrNull("keyName")).isEqualTo(JsonValue.of("service"));
            assertThat(storage.records(Namespace.POLICIES).get("registryReadWrite").valueOrNull("rights"))
                    .isEqualTo(JsonValue.of("RegistryRead, RegistryWrite"));
            assertThat(storage.records(Namespace.META).get("format")).isEqualTo(json("{\"version\":1}"));
            assertThat(hub.registry().policy("service").orElseThrow().primaryKey())
                    .isEqualTo(service.valueOrNull("primaryKey").asString());
        }
        assertThat(storage.closed).isTrue();
    }

    @Test
    void aHubIsRebuiltExactlyFromItsRecords() {
        MapStorage storage = new MapStorage();
        List<TwinDocument> twins;
        List<DeviceIdentity> identities = new ArrayList<>();
        List<SharedAccessPolicy> policies;
        DeviceIdentity device;
        try (Hub hub = Hub.open(OPTIONS, storage)) {
            device = hub.registry().createDevice(DeviceId.of("p1"));
            hub.registry().createModule(DeviceId.of("p1"), ModuleId.of("m"));
            hub.registry().createDevice(DeviceId.of("p2"));
            hub.twins().update(TwinKey.device("p1"), json("{\"tags\":{\"a\":{\"b\":1}},\"properties\":{\"desired\":"
                    + "{\"x\":[1,2],\"y\":1.0}}}"), null);
            hub.twins().report(TwinKey.module("p1", "m"), json("{\"r\":{\"s\":\"t\"}}"), null);
            hub.registry().update(device.toBuilder().status(DeviceStatus.DISABLED).statusReason("r").build(), null);
            hub.twins().importTwin(TwinDocument.fromJson(json("{\"deviceId\":\"imp\",\"etag\":\"AAAAAAAAAAk=\","
                    + "\"deviceEtag\":\"OTk5\",\"configurations\":{\"cfg\":{\"status\":\"Applied\"}},"
                    + "\"properties\":{\"desired\":{\"$version\":4},\"reported\":{\"$version\":2}}}")));
            twins = hub.snapshot();
            hub.registry().list().forEach(identities::add);
            identities.addAll(hub.registry().modules(DeviceId.of("p1")));
            policies = hub.registry().policies();
        }
        assertThat(storage.records(Namespace.TWINS).get("p1/m").valueOrNull("properties").asObject()
                .valueOrNull("reported").asObject().valueOrNull("$version")).isEqualTo(JsonValue.of(2));
        assertThat(storage.records(Namespace.IDENTITIES).get("p1").valueOrNull("status"))
                .isEqualTo(JsonValue.of("disabled"));

        try (Hub reopened = Hub.open(OPTIONS, storage.reopen())) {
            assertThat(reopened.snapshot()).isEqualTo(twins);
            List<DeviceIdentity> reread = new ArrayList<>(reopened.registry().list());
            reread.addAll(reopened.registry().modules(DeviceId.of("p1")));
            assertThat(reread).isEqualTo(identities);
            assertThat(reopened.registry().policies()).containsExactlyInAnyOrderElementsOf(policies);
            long highest = identities.stream().mapToLong(i -> HubRecords.identityEtagCounter(i.etag().orElseThrow()))
                    .max().orElseThrow();
            DeviceIdentity fresh = reopened.registry().createDevice(DeviceId.of("p3"));
            assertThat(HubRecords.identityEtagCounter(fresh.etag().orElseThrow())).isGreaterThan(highest);
            TwinDocument next = reopened.twins().update(TwinKey.device("p1"), json("{\"tags\":{\"c\":1}}"), null);
            assertThat(next.etag()).contains(ETag.ofCounter(3));
        }
    }

    @Test
    void aFailedCommitChangesNothingAndNotifiesNobody() {
        MapStorage storage = new MapStorage();
        try (Hub hub = Hub.open(OPTIONS, storage)) {
            TwinKey key = TwinKey.device("f1");
            DeviceIdentity device = hub.registry().createDevice(key.deviceId());
            hub.registry().createModule(key.deviceId(), ModuleId.of("m"));
            List<JsonObject> notified = new CopyOnWriteArrayList<>();
            List<TwinKey> changed = new CopyOnWriteArrayList<>();
            hub.twins().subscribe(key, (k, payload) -> notified.add(payload));
            hub.addTwinChangeListener((k, state) -> changed.add(k));
            TwinDocument before = hub.twins().get(key);
            List<TwinDocument> snapshot = hub.snapshot();

            storage.failNext = true;
            assertThatThrownBy(() -> hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null))
                    .isInstanceOf(HubStorageException.class);
            storage.failNext = true;
            assertThatThrownBy(() -> hub.twins().replace(key, json("{\"tags\":{\"t\":1}}"), null))
                    .isInstanceOf(HubStorageException.class);
            storage.failNext = true;
            assertThatThrownBy(() -> hub.twins().report(key, json("{\"a\":1}"), null))
                    .isInstanceOf(HubStorageException.class);
            storage.failNext = true;
            assertThatThrownBy(() -> hub.registry().update(device.toBuilder().status(DeviceStatus.DISABLED).build(),
                    null)).isInstanceOf(HubStorageException.class);
            storage.failNext = true;
            assertThatThrownBy(() -> hub.registry().delete(key, null)).isInstanceOf(HubStorageException.class);
            storage.failNext = true;
            assertThatThrownBy(() -> hub.registry().createDevice(DeviceId.of("f2")))
                    .isInstanceOf(HubStorageException.class);

            assertThat(hub.twins().get(key)).isEqualTo(before);
            assertThat(hub.snapshot()).isEqualTo(snapshot);
            assertThat(hub.registry().find(TwinKey.device("f2"))).isEmpty();
            assertThat(notified).isEmpty();
            assertThat(changed).isEmpty();
            assertThat(storage.records(Namespace.IDENTITIES).keySet()).containsExactlyInAnyOrder("f1", "f1/m");

            hub.registry().createDevice(DeviceId.of("f2"));
            hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1}}}"), before.etag().orElseThrow()
                    .value());
            assertThat(notified).containsExactly(json("{\"a\":1,\"$version\":2}"));
        }
    }

    @Test
    void storageIsCommittedBeforeReadersSeeTheWrite() {
        MapStorage storage = new MapStorage();
        try (Hub hub = Hub.open(OPTIONS, storage)) {
            TwinKey key = TwinKey.device("order");
            hub.registry().createDevice(key.deviceId());
            List<Long> seenDuringCommit = new ArrayList<>();
            storage.onCommit = batch -> seenDuringCommit.add(hub.twins().get(key).version().orElseThrow());
            TwinDocument after = hub.twins().update(key, json("{\"tags\":{\"a\":1}}"), null);
            assertThat(seenDuringCommit).containsExactly(2L);
            assertThat(after.version()).hasValue(3);
            assertThat(storage.records(Namespace.TWINS).get("order")).isEqualTo(after.toBuilder()
                    .deviceEtag(null).status(null).statusUpdateTime(null).connectionState(null)
                    .lastActivityTime(null).cloudToDeviceMessageCount(-1).authenticationType(null)
                    .x509Thumbprint(null).modelId(null).capabilities(null).build().toJson());
        }
    }

    @Test
    void deletingADeviceDeletesEveryRecordOfItInOneBatch() {
        MapStorage storage = new MapStorage();
        try (Hub hub = Hub.open(OPTIONS, storage)) {
            hub.registry().createDevice(DeviceId.of("d"));
            hub.registry().createModule(DeviceId.of("d"), ModuleId.of("m1"));
            hub.registry().createModule(DeviceId.of("d"), ModuleId.of("m2"));
            List<List<Mutation>> batches = new ArrayList<>();
            storage.onCommit = batches::add;
            hub.registry().delete(TwinKey.device("d"), null);
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0)).allMatch(m -> m.value() == null)
                    .extracting(m -> m.namespace() + ":" + m.key())
                    .containsExactlyInAnyOrder("IDENTITIES:d", "TWINS:d", "IDENTITIES:d/m1", "TWINS:d/m1",
                            "IDENTITIES:d/m2", "TWINS:d/m2");
            assertThat(storage.records(Namespace.IDENTITIES)).isEmpty();
            assertThat(storage.records(Namespace.TWINS)).isEmpty();
        }
    }

    @Test
    void unreadableRecordsFailTheStartAndCloseTheStorage() {
        MapStorage storage = new MapStorage();
        Hub.open(OPTIONS, storage).close();
        MapStorage broken = storage.reopen();
        broken.data.get(Namespace.IDENTITIES).put("x", json("{\"deviceId\":\"y\",\"etag\":\"MQ==\","
                + "\"generationId\":\"1\"}"));
        assertThatThrownBy(() -> Hub.open(OPTIONS, broken)).isInstanceOf(HubStorageException.class)
                .hasMessageContaining("'x'");
        assertThat(broken.closed).isTrue();
        MapStorage newer = storage.reopen();
        newer.data.get(Namespace.META).put("format", json("{\"version\":2}"));
        assertThatThrownBy(() -> Hub.open(OPTIONS, newer)).isInstanceOf(HubStorageException.class)
                .hasMessageContaining("format version 2");
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    /** A storage in maps that can fail on demand and watch commits. */
    static final class MapStorage implements HubStorage {
        final Map<Namespace, Map<String, JsonObject>> data = new EnumMap<>(Namespace.class);
        volatile boolean failNext;
        volatile Consumer<List<Mutation>> onCommit = batch -> { };
        volatile boolean closed;

        MapStorage() {
            for (Namespace namespace : Namespace.values()) {
                data.put(namespace, new TreeMap<>());
            }
        }

        MapStorage reopen() {
            MapStorage copy = new MapStorage();
            data.forEach((namespace, records) -> copy.data.get(namespace).putAll(records));
            return copy;
        }

        synchronized Map<String, JsonObject> records(Namespace namespace) {
            return Map.copyOf(data.get(namespace));
        }

        @Override
        public synchronized Map<String, JsonObject> load(Namespace namespace) {
            return records(namespace);
        }

        @Override
        public synchronized void commit(List<Mutation> mutations) {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (failNext) {
                failNext = false;
                throw new HubStorageException("disk full (simulated)");
            }
            onCommit.accept(List.copyOf(mutations));
            for (Mutation mutation : mutations) {
                if (mutation.value() == null) {
                    data.get(mutation.namespace()).remove(mutation.key());
                } else {
                    data.get(mutation.namespace()).put(mutation.key(), mutation.value());
                }
            }
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
