package io.twinkit.emulator.internal.store;

import static io.twinkit.emulator.internal.store.MvStoreHubStorageTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage to a closed store: a file cut short, changed bytes, an emptied or missing file, a stray commit marker. Each
 * is refused at open with the file and the damage named, and recovery keeps what is intact and says what it lost.
 */
class MvStoreIntegrityTest {

    @TempDir
    Path temp;

    private static Mutation twin(String key, long value) {
        return Mutation.put(Namespace.TWINS, key, record(key, value));
    }

    private static void assertRefused(Path dir, String... texts) throws Exception {
        Path real = dir.toRealPath();
        assertThatThrownBy(() -> MvStoreHubStorage.open(dir).close())
                .isInstanceOf(HubStorageException.class)
                .satisfies(e -> assertThat(((HubStorageException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.SERVER_ERROR))
                .hasMessageContaining(real.resolve("hub.mv.db").toString())
                .hasMessageContaining("To start over, delete the data directory " + real)
                .hasMessageContaining("--recover-store")
                .hasMessageContaining(texts[0])
                .satisfies(e -> assertThat(e.getMessage()).contains(texts));
    }

    @Test
    void aStoreCutShortByItsLast4KbIsRefusedAndRecoveryKeepsTheLastIntactCommit() throws Exception {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
            storage.commit(List.of(twin("b", 1)));
            storage.commit(List.of(twin("a", 2)));
        }
        Path file = dir.resolve("hub.mv.db");
        StoreFileSurgery.cut(file, 4096);
        byte[] cut = Files.readAllBytes(file);
        byte[] marker = Files.readAllBytes(dir.resolve("hub.commit"));

        assertRefused(dir, "lost acknowledged data", "hub.commit", "acknowledged commit(s) are gone");
        assertRefused(dir, "lost acknowledged data");
        assertThat(Files.readAllBytes(file)).as("a refused start leaves the store as it was").isEqualTo(cut);
        assertThat(Files.readAllBytes(dir.resolve("hub.commit"))).isEqualTo(marker);

        try (MvStoreHubStorage recovered = MvStoreHubStorage.open(dir, true)) {
            assertThat(recovered.recovered()).singleElement().asString()
                    .contains("lost acknowledged data", "the last 1 acknowledged commit(s) are gone");
            assertThat(recovered.load(Namespace.TWINS)).isEqualTo(Map.of("a", record("a", 1), "b", record("b", 1)));
            recovered.commit(List.of(twin("c", 1)));
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.recovered()).isEmpty();
            assertThat(reopened.load(Namespace.TWINS)).containsOnlyKeys("a", "b", "c");
        }
    }

    @Test
    void aChangedByteInALiveRecordIsRefusedAndRecoveryDropsOnlyThatRecord() throws Exception {
        Path dir = temp.resolve("data");
        JsonObject value = JsonObject.builder().put("sentinel", "temperature-4711").build();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(Mutation.put(Namespace.TWINS, "d1", value), twin("d2", 1),
                    Mutation.put(Namespace.IDENTITIES, "d1", record("d1", 1))));
        }
        // still valid JSON, so without a check it would be served as a changed value under the same etag
        StoreFileSurgery.replace(dir.resolve("hub.mv.db"), "temperature-4711", "temperature-4712");

        assertRefused(dir, "1 record(s)", "fail their integrity check", "TWINS/d1");
        try (MvStoreHubStorage recovered = MvStoreHubStorage.open(dir, true)) {
            assertThat(String.join("\n", recovered.recovered()))
                    .contains("fail their integrity check (their bytes changed after they were written): TWINS/d1")
                    .contains("dropped the 1 record(s) that failed their check: TWINS/d1");
            assertThat(recovered.load(Namespace.TWINS)).isEqualTo(Map.of("d2", record("d2", 1)));
            assertThat(recovered.load(Namespace.IDENTITIES)).isEqualTo(Map.of("d1", record("d1", 1)));
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.load(Namespace.TWINS)).containsOnlyKeys("d2");
        }
    }

    @Test
    void anEmptiedOrMissingStoreBesideItsMarkerIsRefusedWithoutWritingAnything() throws Exception {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
        }
        Path file = dir.resolve("hub.mv.db");
        Files.write(file, new byte[0]);
        byte[] marker = Files.readAllBytes(dir.resolve("hub.commit"));
        assertRefused(dir, "is empty (0 bytes)", "records commit 2", "every identity, key and twin it held was lost");
        assertThat(file).isEmptyFile();
        Files.delete(file);
        assertRefused(dir, "is missing", "records commit 2");
        assertThat(file).doesNotExist();
        assertThat(Files.readAllBytes(dir.resolve("hub.commit"))).isEqualTo(marker);

        try (MvStoreHubStorage recovered = MvStoreHubStorage.open(dir, true)) {
            assertThat(recovered.recovered()).singleElement().asString()
                    .contains("is missing", "the hub starts empty, with new keys");
            assertThat(recovered.load(Namespace.TWINS)).isEmpty();
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.recovered()).isEmpty();
        }
    }

    @Test
    void anEmptyStoreBesideTheTlsFilesOfAHubIsRefused() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data/tls")).getParent();
        Files.writeString(dir.resolve("tls/keystore.p12"), "keys");
        Files.write(dir.resolve("hub.mv.db"), new byte[0]);
        assertRefused(dir, "is empty (0 bytes)", "TLS files", dir.toRealPath().resolve("tls").toString());
        assertThat(dir.resolve("hub.mv.db")).isEmptyFile();
        assertThat(dir.resolve("hub.commit")).doesNotExist();
    }

    @Test
    void anEmptyStoreAloneIsAFirstStartThatDidNotFinish() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data"));
        Files.write(dir.resolve("hub.mv.db"), new byte[0]);
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.recovered()).isEmpty();
            storage.commit(List.of(twin("a", 1)));
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).containsOnlyKeys("a");
        }
    }

    @Test
    void aMarkerBehindItsStoreIsAcceptedAndCaughtUp() throws Exception {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
            storage.commit(List.of(twin("a", 2)));
        }
        Path markerFile = dir.resolve("hub.commit");
        CommitMarker.State state = CommitMarker.read(markerFile).orElseThrow();
        assertThat(state.commit()).as("the fresh store's commit and two more").isEqualTo(3);
        // a kill between the store's sync and the marker's write
        try (CommitMarker marker = CommitMarker.open(markerFile)) {
            marker.write(state.storeId(), state.commit() - 1);
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.recovered()).isEmpty();
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("a", record("a", 2)));
            assertThat(CommitMarker.read(markerFile)).contains(state);
            storage.commit(List.of(twin("a", 3)));
            assertThat(CommitMarker.read(markerFile)).contains(new CommitMarker.State(state.storeId(), 4));
        }
    }

    @Test
    void aDamagedMarkerIsRefusedAndRecoveryWritesItAgain() throws Exception {
        Path dir = temp.resolve("data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
        }
        Path markerFile = dir.resolve("hub.commit");
        String line = Files.readString(markerFile);
        Files.writeString(markerFile, line.replace(" 0000000000000000002 ", " 0000000000000000009 "));
        assertRefused(dir, "commit marker " + dir.toRealPath().resolve("hub.commit") + " is damaged",
                "whether hub store", "lost acknowledged commits cannot be told");
        try (MvStoreHubStorage recovered = MvStoreHubStorage.open(dir, true)) {
            assertThat(recovered.recovered()).singleElement().asString().contains("is damaged");
            assertThat(recovered.load(Namespace.TWINS)).containsOnlyKeys("a");
        }
        assertThat(CommitMarker.read(markerFile).orElseThrow().commit()).isEqualTo(3);
    }

    @Test
    void aStoreReplacedByAnotherHubsStoreIsRefused() throws Exception {
        Path dir = temp.resolve("data");
        Path other = temp.resolve("other");
        for (Path each : List.of(dir, other)) {
            try (MvStoreHubStorage storage = MvStoreHubStorage.open(each)) {
                storage.commit(List.of(twin(each.getFileName().toString(), 1)));
            }
        }
        Files.copy(other.resolve("hub.mv.db"), dir.resolve("hub.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        assertRefused(dir, "is not the store its commit marker", "belongs to");
    }

    @Test
    void aStoreOfFormatOneIsUpgradedToCheckedRecords() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("data"));
        MVStore old = MVStore.open(dir.resolve("hub.mv.db").toString());
        old.openMap(MvStoreHubStorage.STORAGE_MAP, MvStoreHubStorage.stringMap()).put("format", "1");
        old.openMap("twins", MvStoreHubStorage.stringMap()).put("d1", "{\"name\":\"d1\",\"value\":1}");
        old.close();
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.recovered()).isEmpty();
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("d1", record("d1", 1)));
        }
        MVStore upgraded = MVStore.open(dir.resolve("hub.mv.db").toString());
        try {
            MVMap<String, String> twins = upgraded.openMap("twins", MvStoreHubStorage.stringMap());
            assertThat(twins.get("d1")).matches("[0-9a-f]{8}\\{\"name\":\"d1\",\"value\":1}");
            assertThat(upgraded.openMap(MvStoreHubStorage.STORAGE_MAP, MvStoreHubStorage.stringMap()).get("format"))
                    .isEqualTo(Integer.toString(MvStoreHubStorage.FORMAT_VERSION));
        } finally {
            upgraded.close();
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("d1", record("d1", 1)));
        }
    }

    @Test
    void aNewDataDirectoryAndItsFilesAreOwnerOnly() throws Exception {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path dir = temp.resolve("new/data");
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
        }
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.getParent())).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve("hub.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("hub.commit"))).isEqualTo("rw-------");
    }

    @Test
    void anExistingDirectoryIsLeftAloneButItsStoreFilesAreMadeOwnerOnly() throws Exception {
        assumeThat(temp.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path dir = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(List.of(twin("a", 1)));
        }
        Files.setPosixFilePermissions(dir.resolve("hub.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve("hub.commit"), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            assertThat(storage.load(Namespace.TWINS)).containsOnlyKeys("a");
        }
        assertThat(permissions(dir)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(dir.resolve("hub.mv.db"))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("hub.commit"))).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
