package io.twinkit.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.emulator.internal.store.MvStoreHubStorageFailureTest.FailingFilePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group commit in {@link MvStoreHubStorage}: writes that arrive while a batch is being committed join the next batch,
 * one commit and one sync for all of them; a batch that fails refuses every write in it and leaves none of them; the
 * batch bounds hold; and relaxed durability acknowledges before the sync and marks only synced commits.
 *
 * <p>Each test holds the first batch inside its commit (a probe waits on a latch) so that the next writes queue up
 * behind it deterministically, then lets it go.
 */
class MvStoreGroupCommitTest {

    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path temp;

    private final List<Thread> threads = new ArrayList<>();

    @BeforeAll
    static void registerFileSystem() {
        FilePath.register(new FailingFilePath());
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        FailingFilePath.syncFailures = 0;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        }
    }

    private static JsonObject record(String name, long value) {
        return MvStoreHubStorageTest.record(name, value);
    }

    private static List<Mutation> put(String key, long value) {
        return List.of(Mutation.put(Namespace.TWINS, key, record(key, value)));
    }

    /** Watches batches and syncs, and holds the first batch after it is stored until {@link #release} opens. */
    private static class HoldingProbe implements CommitProbe {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Long> batchBytes = Collections.synchronizedList(new ArrayList<>());
        final List<String> syncThreads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger stores = new AtomicInteger();

        @Override
        public void batch(int writes, long bytes) {
            batches.add(writes);
            batchBytes.add(bytes);
        }

        @Override
        public void afterStore() {
            if (stores.incrementAndGet() == 1) {
                try {
                    assertThat(release.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void afterSync() {
            syncThreads.add(Thread.currentThread().getName());
        }
    }

    /** What one writer's commit came to: {@code null} while it runs or once it succeeded, else its failure. */
    private static final class Outcome {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean finished;
    }

    private Outcome write(MvStoreHubStorage storage, List<Mutation> mutations) {
        Outcome outcome = new Outcome();
        Thread thread = new Thread(() -> {
            try {
                storage.commit(mutations);
            } catch (Throwable e) {
                outcome.failure.set(e);
            } finally {
                outcome.finished = true;
            }
        });
        threads.add(thread);
        thread.start();
        return outcome;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("waiting for %s", what).isTrue();
            Thread.sleep(1);
        }
    }

    /** Starts the write that leads the first batch and waits until it is held inside its commit. */
    private Outcome holdFirstBatch(MvStoreHubStorage storage, HoldingProbe probe) throws InterruptedException {
        storage.probe(probe);
        Outcome first = write(storage, put("first", 1));
        await("the first batch to be stored", () -> probe.stores.get() == 1);
        return first;
    }

    private void joinAll() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertThat(thread.isAlive()).as("writer %s finished", thread.getName()).isFalse();
        }
    }

    @Test
    void writesThatArriveDuringACommitShareTheNextCommitAndItsOneSync() throws Exception {
        Path dir = temp.resolve("data");
        HoldingProbe probe = new HoldingProbe();
        List<Outcome> outcomes = new ArrayList<>();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            outcomes.add(holdFirstBatch(storage, probe));
            for (int i = 0; i < 63; i++) {
                outcomes.add(write(storage, put("w" + i, i)));
            }
            await("63 queued writes", () -> storage.queued() == 63);
            // none of the queued writes is acknowledged while the batch before them is not durable
            assertThat(outcomes).noneMatch(o -> o.finished);
            probe.release.countDown();
            joinAll();
            assertThat(outcomes).allMatch(o -> o.finished && o.failure.get() == null);
            assertThat(probe.batches).containsExactly(1, 63);
            assertThat(probe.syncThreads).hasSize(2);
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            Map<String, JsonObject> twins = reopened.load(Namespace.TWINS);
            assertThat(twins).hasSize(64).containsEntry("first", record("first", 1));
            for (int i = 0; i < 63; i++) {
                assertThat(twins).containsEntry("w" + i, record("w" + i, i));
            }
        }
    }

    @Test
    void writesOfOneKeyInOneBatchApplyInTheOrderTheyArrived() throws Exception {
        Path dir = temp.resolve("data");
        HoldingProbe probe = new HoldingProbe();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            holdFirstBatch(storage, probe);
            for (int value = 1; value <= 5; value++) {
                write(storage, put("x", value));
                int queued = value;
                await(value + " queued writes", () -> storage.queued() == queued);
            }
            probe.release.countDown();
            joinAll();
            assertThat(probe.batches).containsExactly(1, 5);
            assertThat(storage.load(Namespace.TWINS)).containsEntry("x", record("x", 5));
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.load(Namespace.TWINS)).containsEntry("x", record("x", 5));
        }
    }

    @Test
    void aBatchTakesAtMostItsBoundOfWritesAndTheRestGoesToTheNext() throws Exception {
        HoldingProbe probe = new HoldingProbe();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(temp.resolve("data"))) {
            storage.bounds(4, MvStoreHubStorage.MAX_BATCH_BYTES);
            holdFirstBatch(storage, probe);
            for (int i = 0; i < 10; i++) {
                write(storage, put("w" + i, i));
            }
            await("10 queued writes", () -> storage.queued() == 10);
            probe.release.countDown();
            joinAll();
            assertThat(probe.batches).containsExactly(1, 4, 4, 2);
            assertThat(storage.load(Namespace.TWINS)).hasSize(11);
        }
    }

    @Test
    void aBatchTakesAtMostItsBoundOfBytesButAlwaysOneWrite() throws Exception {
        HoldingProbe probe = new HoldingProbe();
        String padding = "p".repeat(1000);
        long bound = 2500;
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(temp.resolve("data"))) {
            storage.bounds(MvStoreHubStorage.MAX_BATCH_WRITES, bound);
            holdFirstBatch(storage, probe);
            for (int i = 0; i < 6; i++) {
                write(storage, List.of(Mutation.put(Namespace.TWINS, "w" + i,
                        JsonObject.builder().put("padding", padding).build())));
                int queued = i + 1;
                await(queued + " queued writes", () -> storage.queued() == queued);
            }
            write(storage, List.of(Mutation.put(Namespace.TWINS, "huge",
                    JsonObject.builder().put("padding", padding.repeat(5)).build())));
            await("7 queued writes", () -> storage.queued() == 7);
            probe.release.countDown();
            joinAll();
            assertThat(probe.batches).containsExactly(1, 2, 2, 2, 1);
            for (int i = 1; i < probe.batches.size(); i++) {
                assertThat(probe.batches.get(i) == 1 || probe.batchBytes.get(i) <= bound).isTrue();
            }
            assertThat(probe.batchBytes.get(probe.batchBytes.size() - 1)).isGreaterThan(bound);
            assertThat(storage.load(Namespace.TWINS)).hasSize(8);
        }
    }

    /**
     * A failure at each point of a batch's commit refuses every write of that batch, with the store's error; the batch
     * before it stands, none of the failed batch is visible before or after a reopen, and the store goes on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"first put", "last put", "after store", "sync"})
    void aFailedBatchRefusesEveryWriteInItAndLeavesNoneOfThem(String point) throws Exception {
        Path dir = temp.resolve("data");
        int writers = 8;
        HoldingProbe probe = new HoldingProbe() {
            @Override
            public void batch(int writes, long bytes) {
                super.batch(writes, bytes);
                if (batches.size() == 2 && point.equals("sync")) {
                    FailingFilePath.syncFailures = 1;
                }
            }

            @Override
            public void afterWrite(int index) {
                if (batches.size() == 2 && (point.equals("first put") && index == 0
                        || point.equals("last put") && index == 2 * writers - 1)) {
                    throw new IllegalStateException("injected at the " + point);
                }
            }

            @Override
            public void afterStore() {
                super.afterStore();
                if (batches.size() == 2 && point.equals("after store")) {
                    throw new IllegalStateException("injected after store");
                }
            }
        };
        List<Outcome> failed = new ArrayList<>();
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX);
        try {
            storage.commit(put("base", 1));
            Outcome first = holdFirstBatch(storage, probe);
            for (int i = 0; i < writers; i++) {
                failed.add(write(storage, List.of(Mutation.put(Namespace.TWINS, "w" + i, record("w" + i, i)),
                        Mutation.put(Namespace.TWINS, "base", record("base", 100 + i)))));
            }
            await(writers + " queued writes", () -> storage.queued() == writers);
            probe.release.countDown();
            joinAll();
            assertThat(first.failure.get()).isNull();
            assertThat(probe.batches).containsExactly(1, writers);
            for (Outcome outcome : failed) {
                assertThat(outcome.failure.get()).isInstanceOf(HubStorageException.class)
                        .hasMessageContaining("none was applied")
                        .hasMessageContaining("in a batch with " + (writers - 1) + " other write(s)")
                        .hasMessageContaining(point.equals("sync") ? "Input/output error" : "injected");
            }
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("base", record("base", 1), "first",
                    record("first", 1)));
            storage.commit(put("later", 1));
        } finally {
            storage.close();
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX)) {
            assertThat(reopened.load(Namespace.TWINS)).isEqualTo(Map.of("base", record("base", 1), "first",
                    record("first", 1), "later", record("later", 1)));
        }
    }

    @Test
    void aSyncDurableCommitIsSyncedByItsOwnBatchAndTheMarkerRecordsIt() throws Exception {
        Path dir = temp.resolve("data");
        HoldingProbe probe = new HoldingProbe();
        probe.release.countDown();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.probe(probe);
            long before = CommitMarker.read(dir.resolve(CommitMarker.FILE_NAME)).orElseThrow().commit();
            storage.commit(put("a", 1));
            assertThat(probe.syncThreads).containsExactly(Thread.currentThread().getName());
            assertThat(CommitMarker.read(dir.resolve(CommitMarker.FILE_NAME)).orElseThrow().commit())
                    .isEqualTo(before + 1);
        }
    }

    @Test
    void aRelaxedCommitIsAcknowledgedBeforeItsSyncWhichTheTimerMakesAndOnlyThenTheMarkerClaimsIt() throws Exception {
        Path dir = temp.resolve("data");
        Path markerFile = dir.resolve(CommitMarker.FILE_NAME);
        List<Long> markerAtStore = Collections.synchronizedList(new ArrayList<>());
        List<String> syncThreads = Collections.synchronizedList(new ArrayList<>());
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir, "", false, Durability.RELAXED)) {
            assertThat(storage.durability()).isEqualTo(Durability.RELAXED);
            long before = CommitMarker.read(markerFile).orElseThrow().commit();
            storage.probe(new CommitProbe() {
                @Override
                public void afterStore() {
                    markerAtStore.add(CommitMarker.read(markerFile).orElseThrow().commit());
                }

                @Override
                public void afterSync() {
                    syncThreads.add(Thread.currentThread().getName());
                }
            });
            for (int i = 1; i <= 3; i++) {
                storage.commit(put("a", i));
            }
            // the marker never names a commit before a sync covered it
            assertThat(markerAtStore).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(markerAtStore.get(i)).isLessThan(before + 1 + i);
            }
            await("the timer's sync", () -> CommitMarker.read(markerFile).orElseThrow().commit() == before + 3);
            assertThat(syncThreads).isNotEmpty().allMatch(name -> name.equals("twinkit-store-sync"));
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.load(Namespace.TWINS)).containsEntry("a", record("a", 3));
        }
    }

    @Test
    void aRelaxedStoreClosedBeforeItsTimerSyncsAndMarksEverythingAtClose() throws Exception {
        Path dir = temp.resolve("data");
        Path markerFile = dir.resolve(CommitMarker.FILE_NAME);
        long before;
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir, "", false, Durability.RELAXED)) {
            before = CommitMarker.read(markerFile).orElseThrow().commit();
            for (int i = 0; i < 20; i++) {
                storage.commit(put("k" + i, i));
            }
        }
        assertThat(CommitMarker.read(markerFile).orElseThrow().commit()).isEqualTo(before + 20);
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.load(Namespace.TWINS)).hasSize(20);
        }
    }

    @Test
    void theHubOptionsChooseTheDurabilitySyncByDefault() {
        assertThat(HubOptions.defaults().durability()).isEqualTo(Durability.SYNC);
        HubOptions relaxed = HubOptions.builder().dataDirectory(temp.resolve("relaxed"))
                .durability(Durability.RELAXED).build();
        assertThat(relaxed.toBuilder().build().durability()).isEqualTo(Durability.RELAXED);
        try (HubStorage storage = HubStorages.open(relaxed)) {
            assertThat(((MvStoreHubStorage) storage).durability()).isEqualTo(Durability.RELAXED);
        }
        try (HubStorage storage = HubStorages.open(HubOptions.builder().dataDirectory(temp.resolve("sync")).build())) {
            assertThat(((MvStoreHubStorage) storage).durability()).isEqualTo(Durability.SYNC);
        }
        assertThat(HubStorages.open(HubOptions.builder().durability(Durability.RELAXED).build()))
                .isSameAs(HubStorage.inMemory());
    }

    @Test
    void writesQueuedWhenTheStoreClosesAreRefused() throws Exception {
        HoldingProbe probe = new HoldingProbe();
        MvStoreHubStorage storage = MvStoreHubStorage.open(temp.resolve("data"));
        Outcome first = holdFirstBatch(storage, probe);
        Outcome queued = write(storage, put("queued", 1));
        await("a queued write", () -> storage.queued() == 1);
        Thread closer = new Thread(storage::close);
        threads.add(closer);
        closer.start();
        await("the close to wait for the batch at work", () -> closer.getState() == Thread.State.WAITING);
        probe.release.countDown();
        joinAll();
        assertThat(first.failure.get()).isNull();
        assertThat(queued.failure.get()).isInstanceOf(HubStorageException.class).hasMessageContaining("is closed");
    }
}
