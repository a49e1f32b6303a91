package io.twinkit.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips, deletes, concurrency, exclusivity and open errors of {@link MvStoreHubStorage}. */
class MvStoreHubStorageTest {

    @TempDir
    Path temp;

    static JsonObject record(String name, long value) {
        return JsonObject.builder().put("name", name).put("value", value).build();
    }

    @Test
    void everyNamespaceSurvivesCloseAndReopen() {
        Path dir = temp.resolve("nested/data");
        JsonObject twin = JsonObject.builder()
                .put("deviceId", "d1")
                .put("properties", JsonObject.builder()
                        .put("desired", JsonObject.builder().put("temp", 21.5).put("on", true).put("$version", 3)
                                .build())
                        .build())
                .put("tags", JsonObject.builder().put("unicode", "\u00e9\u4e2d\ud83d\ude00").put("gone", JsonNull.INSTANCE).build())
                .build();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.isPersistent()).isTrue();
            for (Namespace namespace : Namespace.values()) {
                assertThat(storage.load(namespace)).isEmpty();
            }
            storage.commit(List.of(
                    Mutation.put(Namespace.IDENTITIES, "d1", record("identity", 1)),
                    Mutation.put(Namespace.TWINS, "d1", twin),
                    Mutation.put(Namespace.TWINS, "d1/m1", record("module twin", 2)),
                    Mutation.put(Namespace.POLICIES, "iothubowner", record("policy", 3)),
                    Mutation.put(Namespace.META, "counter", record("meta", 4))));
        }
        assertThat(dir.resolve("hub.mv.db")).isRegularFile();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.IDENTITIES)).isEqualTo(Map.of("d1", record("identity", 1)));
            assertThat(storage.load(Namespace.TWINS))
                    .isEqualTo(Map.of("d1", twin, "d1/m1", record("module twin", 2)));
            assertThat(storage.load(Namespace.TWINS).get("d1").toString()).isEqualTo(twin.toString());
            assertThat(storage.load(Namespace.POLICIES)).isEqualTo(Map.of("iothubowner", record("policy", 3)));
            assertThat(storage.load(Namespace.META)).isEqualTo(Map.of("counter", record("meta", 4)));
        }
    }

    @Test
    void deletesAndOverwritesAreDurableAndLaterMutationsOfABatchWin() {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(
                    Mutation.put(Namespace.TWINS, "a", record("a", 1)),
                    Mutation.put(Namespace.TWINS, "b", record("b", 1)),
                    Mutation.put(Namespace.IDENTITIES, "a", record("a", 1))));
            storage.commit(List.of(
                    Mutation.delete(Namespace.TWINS, "a"),
                    Mutation.delete(Namespace.TWINS, "never-there"),
                    Mutation.put(Namespace.TWINS, "b", record("b", 2)),
                    Mutation.put(Namespace.TWINS, "c", record("c", 1)),
                    Mutation.delete(Namespace.TWINS, "c")));
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("b", record("b", 2)));
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("b", record("b", 2)));
            assertThat(storage.load(Namespace.IDENTITIES)).isEqualTo(Map.of("a", record("a", 1)));
            storage.commit(List.of());
            assertThat(storage.load(Namespace.TWINS)).hasSize(1);
        }
    }

    @Test
    void concurrentCommitsFromEightThreadsAreAllPresentAfterReopen() throws Exception {
        Path dir = temp.resolve("data");
        int threads = 8;
        int batches = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < batches; i++) {
                        storage.commit(List.of(
                                Mutation.put(Namespace.TWINS, "t" + thread + "-" + i, record("twin", i)),
                                Mutation.put(Namespace.IDENTITIES, "t" + thread, record("last", i))));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            Map<String, JsonObject> twins = storage.load(Namespace.TWINS);
            assertThat(twins).hasSize(threads * batches);
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < batches; i++) {
                    assertThat(twins.get("t" + t + "-" + i)).isEqualTo(record("twin", i));
                }
                assertThat(storage.load(Namespace.IDENTITIES).get("t" + t)).isEqualTo(record("last", batches - 1));
            }
        }
    }

    @Test
    void aDirectoryIsOpenAtMostOnceAndIsReleasedByClose() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage first = MvStoreHubStorage.open(dir);
        try {
            first.commit(List.of(Mutation.put(Namespace.META, "k", record("k", 1))));
            assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("already open");
            // the same directory named differently is still the same directory
            assertThatThrownBy(() -> MvStoreHubStorage.open(temp.resolve("other/../data")))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("already open");
            // the refused opens did not disturb the open store
            first.commit(List.of(Mutation.put(Namespace.META, "k2", record("k", 2))));
        } finally {
            first.close();
        }
        first.close();
        assertThatThrownBy(() -> first.commit(List.of(Mutation.delete(Namespace.META, "k"))))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining("closed");
        try (MvStoreHubStorage second = MvStoreHubStorage.open(dir)) {
            assertThat(second.load(Namespace.META)).containsOnlyKeys("k", "k2");
        }
    }

    @Test
    void theMvStoreFileLockRefusesASecondOpenOfTheFile() {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThatThrownBy(() -> MvStoreFiles.openStore(dir.toRealPath().resolve("hub.mv.db"), "", false))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("hub.mv.db")
                    .hasMessageContaining("in use by another process");
            assertThat(storage.load(Namespace.META)).isEmpty();
        }
    }

    @Test
    void aDirectoryUnderARegularFileCannotBeCreated() throws Exception {
        Path file = Files.writeString(temp.resolve("plain.txt"), "not a directory");
        Path dir = file.resolve("data");
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("cannot be created")
                .satisfies(e -> assertThat(((HubStorageException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.SERVER_ERROR))
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aRegularFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(temp.resolve("data"), "not a directory");
        assertThatThrownBy(() -> MvStoreHubStorage.open(file))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void aDirectoryWhereTheStoreFileShouldBeIsRefusedAndReleasesTheDataDirectory() throws Exception {
        Path dir = temp.resolve("data");
        Files.createDirectories(dir.resolve("hub.mv.db"));
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.resolve("hub.mv.db").toString())
                .hasMessageContaining("cannot be opened");
        Files.delete(dir.resolve("hub.mv.db"));
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).isEmpty();
        }
    }

    @Test
    void aCorruptFileIsRefusedWithItsPath() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data"));
        byte[] garbage = new byte[3 * 4096];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(dir.resolve("hub.mv.db"), garbage);
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.resolve("hub.mv.db").toString())
                .hasMessageContaining("corrupt");
        assertThat(Files.readAllBytes(dir.resolve("hub.mv.db"))).isEqualTo(garbage);
    }

    @Test
    void aStoreOfANewerFormatIsRefusedAndLeftAlone() throws Exception {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(Mutation.put(Namespace.TWINS, "a", record("a", 1))));
        }
        int newer = MvStoreHubStorage.FORMAT_VERSION + 1;
        setFormat(dir, Integer.toString(newer));
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(dir.toRealPath().resolve("hub.mv.db").toString())
                .hasMessageContaining("storage format " + newer)
                .hasMessageContaining("newer twinkit")
                .hasMessageContaining("up to " + MvStoreHubStorage.FORMAT_VERSION);
        setFormat(dir, "one");
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining("unreadable storage format 'one'");
        setFormat(dir, Integer.toString(MvStoreHubStorage.FORMAT_VERSION));
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("a", record("a", 1)));
        }
    }

    @Test
    void anMvStoreFileOfAnotherApplicationIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data"));
        MVStore foreign = MVStore.open(dir.resolve("hub.mv.db").toString());
        foreign.openMap("customers").put("k", "v");
        foreign.close();
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining("not a twinkit hub store");
        MVStore again = MVStore.open(dir.resolve("hub.mv.db").toString());
        try {
            assertThat(again.getMapNames()).containsExactly("customers");
        } finally {
            again.close();
        }
    }

    private static void setFormat(Path dir, String format) {
        MVStore store = MVStore.open(dir.resolve("hub.mv.db").toString());
        try {
            MVMap<String, String> storage = store.openMap(MvStoreHubStorage.STORAGE_MAP, MvStoreHubStorage.stringMap());
            assertThat(storage.get(MvStoreHubStorage.FORMAT_KEY))
                    .as("the format record exists before the test changes it").isNotNull();
            storage.put(MvStoreHubStorage.FORMAT_KEY, format);
        } finally {
            store.close();
        }
    }
}
