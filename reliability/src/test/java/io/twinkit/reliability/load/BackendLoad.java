package io.twinkit.reliability.load;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.reliability.support.Latencies;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Back ends working alongside the devices through {@link TwinServiceClient}: {@code backends} threads patching the
 * desired property {@code b<j>} of random devices with their own rising counter, at {@code patchesPerSecond} in all,
 * and one thread running queries (a count and a paged projection) and checking what they return. Each outcome is
 * recorded, so that the end state can be checked against exactly what was acknowledged.
 */
public final class BackendLoad {

    private final TwinServiceClient client;
    private final List<String> deviceIds;
    private final int backends;
    private final long pauseNanos;
    private final Map<String, DesiredAcks> acks = new HashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    private final LongAdder patchesAcked = new LongAdder();
    private final LongAdder patchesFailed = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder queryFailures = new LongAdder();
    private final LongAdder queryRows = new LongAdder();
    private final AtomicLong wrongCounts = new AtomicLong();
    private final Latencies patchLatency = new Latencies();
    private final Latencies queryLatency = new Latencies();
    private final List<String> failures = new ArrayList<>();

    /**
     * Prepares back ends for {@code deviceIds}; nothing runs before {@link #start()}.
     *
     * @param patchesPerSecond the desired updates per second of all back ends together; 0 sends none
     */
    public BackendLoad(TwinServiceClient client, List<String> deviceIds, int backends, int patchesPerSecond) {
        this.client = client;
        this.deviceIds = List.copyOf(deviceIds);
        this.backends = backends;
        this.pauseNanos = patchesPerSecond <= 0 ? -1 : TimeUnit.SECONDS.toNanos(1) * backends / patchesPerSecond;
        deviceIds.forEach(id -> acks.put(id, new DesiredAcks()));
    }

    /** Starts the patching threads and the query thread. */
    public void start() {
        running = true;
        if (pauseNanos > 0) {
            for (int j = 0; j < backends; j++) {
                String key = "b" + j;
                threads.add(daemon("backend-" + j, () -> patch(key)));
            }
        }
        threads.add(daemon("backend-queries", this::query));
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void patch(String key) {
        long counter = 0;
        long next = System.nanoTime();
        while (running) {
            String device = deviceIds.get(ThreadLocalRandom.current().nextInt(deviceIds.size()));
            long value = ++counter;
            long started = System.nanoTime();
            try {
                TwinDocument after = client.update(TwinKey.device(device),
                        TwinPatch.ofDesired(MergePatch.builder().set(key, value).build()));
                patchLatency.add(System.nanoTime() - started);
                patchesAcked.increment();
                synchronized (acks) {
                    acks.get(device).acked(key, value);
                }
                long answered = after.desired().get(key).map(v -> v.asNumber().longValue()).orElse(-1L);
                if (answered != value) {
                    fail("the update of " + key + "=" + value + " on " + device + " answered " + answered);
                }
            } catch (RuntimeException e) {
                patchesFailed.increment();
                synchronized (acks) {
                    acks.get(device).unknown(key, value);
                }
                fail("updating " + device + " failed: " + e);
            }
            next += pauseNanos;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void query() {
        while (running) {
            long started = System.nanoTime();
            try {
                List<JsonObject> count = client.queries().rows("SELECT COUNT() AS n FROM devices").toList();
                long n = count.size() == 1 ? count.get(0).valueOrNull("n").asNumber().longValue() : -1;
                // the hub may hold more devices than this run drives, never fewer
                if (n < deviceIds.size()) {
                    wrongCounts.incrementAndGet();
                    fail("SELECT COUNT() gave " + count);
                }
                List<JsonObject> rows = client.queries().rows(
                        "SELECT deviceId, properties.reported.seq FROM devices WHERE properties.reported.seq >= 0")
                        .toList();
                queryRows.add(rows.size());
                if (rows.size() > n || rows.stream().anyMatch(row -> !(row.valueOrNull("deviceId") instanceof JsonString))) {
                    wrongCounts.incrementAndGet();
                    fail("the projection gave " + rows.size() + " rows of " + n + " devices");
                }
                queries.add(2);
                queryLatency.add(System.nanoTime() - started);
            } catch (RuntimeException e) {
                queryFailures.increment();
                fail("a query failed: " + e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    private void fail(String what) {
        synchronized (failures) {
            if (failures.size() < 20) {
                failures.add(what);
            }
        }
    }

    /** Stops every thread and waits for it. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /** Returns what the back ends sent to {@code deviceId}. */
    DesiredAcks acks(String deviceId) {
        synchronized (acks) {
            return acks.get(deviceId);
        }
    }

    /** Returns the desired updates answered with success. */
    public long patchesAcked() {
        return patchesAcked.sum();
    }

    /** Returns the desired updates that failed (outcome unknown). */
    public long patchesFailed() {
        return patchesFailed.sum();
    }

    /** Returns the queries that failed. */
    public long queryFailures() {
        return queryFailures.sum();
    }

    /** Returns the queries whose result was wrong. */
    public long wrongResults() {
        return wrongCounts.get();
    }

    /** Returns the first failures, for messages. */
    public List<String> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Returns the figures as JSON. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("backends", backends)
                .put("desiredPatchesAcked", patchesAcked.sum())
                .put("desiredPatchesFailed", patchesFailed.sum())
                .put("desiredPatchLatency", patchLatency.toJson())
                .put("queries", queries.sum())
                .put("queryFailures", queryFailures.sum())
                .put("queryWrongResults", wrongCounts.get())
                .put("queryRowsRead", queryRows.sum())
                .put("queryRoundLatency", queryLatency.toJson())
                .build();
    }
}
