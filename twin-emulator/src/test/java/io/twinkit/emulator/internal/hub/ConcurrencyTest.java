package io.twinkit.emulator.internal.hub;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads against one hub: no lost update, consistent reads, notifications in version order. */
class ConcurrencyTest {

    private static final int THREADS = 8;

    private final Hub hub = Hub.open(HubOptions.defaults());
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    private final TwinKey key = TwinKey.device("busy");

    ConcurrencyTest() {
        hub.registry().createDevice(key.deviceId());
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        hub.close();
    }

    @Test
    void readModifyWriteWithIfMatchLosesNoIncrementAndNotifiesEveryVersionInOrder() throws Exception {
        int iterations = 150;
        List<Long> versions = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(key, (k, payload) -> versions.add(payload.valueOrNull("$version").asNumber()
                .longValue()));
        AtomicInteger conflicts = new AtomicInteger();
        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < iterations; i++) {
                while (true) {
                    TwinDocument twin = hub.twins().get(key);
                    long desired = twin.desired().properties().getLong("counter").orElse(0);
                    long tags = twin.tags().getLong("counter").orElse(0);
                    JsonObject body = json("{\"tags\":{\"counter\":" + (tags + 1) + "},\"properties\":{\"desired\":"
                            + "{\"counter\":" + (desired + 1) + "}}}");
                    try {
                        hub.twins().update(key, body, twin.etag().orElseThrow().quoted());
                        break;
                    } catch (PreconditionFailedException stale) {
                        conflicts.incrementAndGet();
                    }
                }
            }
        });
        long total = (long) THREADS * iterations;
        TwinDocument twin = hub.twins().get(key);
        assertThat(twin.desired().properties().getLong("counter")).hasValue(total);
        assertThat(twin.tags().getLong("counter")).hasValue(total);
        assertThat(twin.etag().orElseThrow().counter()).hasValue(total + 1);
        assertThat(twin.desired().version()).hasValue(total + 1);
        assertThat(twin.version()).hasValue(total + 2);
        assertThat(versions).as("one notification per write, in version order, without gaps")
                .containsExactlyElementsOf(LongStream.rangeClosed(2, total + 1).boxed().toList());
        assertThat(conflicts.get()).as("the threads really raced").isPositive();
    }

    @Test
    void concurrentReportersAndServiceWritersKeepTheCountersConsistentForLockFreeReaders() throws Exception {
        int iterations = 200;
        int writers = THREADS / 2;
        AtomicBoolean done = new AtomicBoolean();
        List<String> inconsistencies = new CopyOnWriteArrayList<>();
        Future<?> reader = pool.submit(() -> {
            long lastVersion = 0;
            while (!done.get()) {
                TwinDocument twin = hub.twins().get(key);
                long version = twin.version().orElseThrow();
                long expected = twin.etag().orElseThrow().counter().orElseThrow()
                        + twin.reported().version().orElseThrow();
                if (version != expected || version < lastVersion) {
                    inconsistencies.add(twin.toString());
                }
                lastVersion = version;
            }
        });
        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < iterations; i++) {
                if (thread < writers) {
                    hub.twins().report(key, json("{\"r" + thread + "\":" + i + "}"), null);
                } else {
                    hub.twins().update(key, json("{\"tags\":{\"w" + thread + "\":" + i + "}}"), null);
                }
            }
        });
        done.set(true);
        reader.get(30, TimeUnit.SECONDS);
        assertThat(inconsistencies).isEmpty();
        TwinDocument twin = hub.twins().get(key);
        long perSide = (long) writers * iterations;
        assertThat(twin.reported().version()).hasValue(perSide + 1);
        assertThat(twin.etag().orElseThrow().counter()).hasValue(perSide + 1);
        assertThat(twin.version()).hasValue(2 * perSide + 2);
        for (int thread = 0; thread < writers; thread++) {
            assertThat(twin.reported().properties().getLong("r" + thread)).hasValue(iterations - 1);
            assertThat(twin.tags().getLong("w" + (thread + writers))).hasValue(iterations - 1);
        }
    }

    @Test
    void reportersWithAVersionPreconditionLoseNoIncrement() throws Exception {
        int iterations = 100;
        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < iterations; i++) {
                while (true) {
                    JsonObject reported = hub.twins().deviceGet(key).valueOrNull("reported").asObject();
                    long version = reported.valueOrNull("$version").asNumber().longValue();
                    JsonValue count = reported.valueOrNull("count");
                    long next = count == null ? 1 : count.asNumber().longValue() + 1;
                    try {
                        long newVersion = hub.twins().report(key, json("{\"count\":" + next + "}"), version);
                        assertThat(newVersion).isEqualTo(version + 1);
                        break;
                    } catch (PreconditionFailedException stale) {
                        // another reporter won; read again
                    }
                }
            }
        });
        TwinDocument twin = hub.twins().get(key);
        assertThat(twin.reported().properties().getLong("count")).hasValue((long) THREADS * iterations);
        assertThat(twin.reported().version()).hasValue((long) THREADS * iterations + 1);
        assertThat(twin.etag().orElseThrow().counter()).hasValue(1);
    }

    @Test
    void aSingleWritersNotificationsArriveWithoutGapsWhileOthersReport() throws Exception {
        List<Long> versions = new CopyOnWriteArrayList<>();
        hub.twins().subscribe(key, (k, payload) -> versions.add(payload.valueOrNull("$version").asNumber()
                .longValue()));
        int iterations = 300;
        runConcurrently(4, thread -> {
            for (int i = 0; i < iterations; i++) {
                if (thread == 0) {
                    hub.twins().update(key, json("{\"properties\":{\"desired\":{\"n\":" + i + "}}}"), null);
                } else {
                    hub.twins().report(key, json("{\"n" + thread + "\":" + i + "}"), null);
                }
            }
        });
        assertThat(versions).containsExactlyElementsOf(LongStream.rangeClosed(2, iterations + 1).boxed().toList());
    }

    @Test
    void racingCreatesAndDeletesLeaveNoOrphanAndTheChangeStreamEndsAtTheStoredState() throws Exception {
        Map<TwinKey, TwinDocument> lastSeen = new ConcurrentHashMap<>();
        hub.addTwinChangeListener((changed, state) -> {
            if (state == null) {
                lastSeen.remove(changed);
            } else {
                lastSeen.put(changed, state);
            }
        });
        lastSeen.put(key, hub.twins().get(key));
        DeviceId shared = DeviceId.of("contested");
        runConcurrently(THREADS, thread -> {
            ModuleId module = ModuleId.of("m" + thread);
            for (int i = 0; i < 150; i++) {
                ignoring(() -> hub.registry().createDevice(shared));
                ignoring(() -> hub.registry().createModule(shared, module));
                ignoring(() -> hub.twins().update(TwinKey.module(shared, module),
                        json("{\"properties\":{\"desired\":{\"i\":1}}}"), null));
                if (i % 3 == thread % 3) {
                    ignoring(() -> hub.registry().delete(TwinKey.device(shared), null));
                }
            }
        });
        List<TwinDocument> snapshot = hub.snapshot();
        Set<TwinKey> stored = snapshot.stream().map(t -> new TwinKey(t.deviceId(), t.moduleId().orElse(null)))
                .collect(Collectors.toSet());
        for (TwinKey twinKey : stored) {
            assertThat(stored).as("no module without its device").contains(twinKey.deviceKey());
        }
        if (stored.contains(TwinKey.device(shared))) {
            assertThat(hub.registry().modules(shared)).extracting(DeviceIdentity::key)
                    .containsExactlyInAnyOrderElementsOf(stored.stream()
                            .filter(k -> k.isModule() && k.deviceId().equals(shared)).toList());
        }
        Map<TwinKey, TwinDocument> expected = new TreeMap<>();
        snapshot.forEach(t -> expected.put(new TwinKey(t.deviceId(), t.moduleId().orElse(null)), t));
        assertThat(new TreeMap<>(lastSeen)).isEqualTo(expected);
    }

    private static void ignoring(Runnable call) {
        try {
            call.run();
        } catch (TwinException expectedRace) {
            // 404 and 409 are the normal outcome of losing a race here
        }
    }

    private void runConcurrently(int threads, ThreadBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                body.run(thread);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(120, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }
}
