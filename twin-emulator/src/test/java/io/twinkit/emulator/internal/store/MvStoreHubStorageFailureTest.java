package io.twinkit.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed {@link MvStoreHubStorage#commit} leaves: nothing of its batch, in memory or in the file, whether it
 * fails while the maps change, after the chunk is written, or because the disk is full or cannot sync.
 */
class MvStoreHubStorageFailureTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void registerFileSystem() {
        FilePath.register(new FailingFilePath());
    }

    @AfterEach
    void healDisk() {
        FailingFilePath.failWrites = false;
        FailingFilePath.syncFailures = 0;
        FailingFilePath.tornWrites = 0;
    }

    private static JsonObject record(String name, long value) {
        return MvStoreHubStorageTest.record(name, value);
    }

    private static final List<Mutation> BASELINE = List.of(
            Mutation.put(Namespace.TWINS, "a", record("a", 1)),
            Mutation.put(Namespace.IDENTITIES, "a", record("a", 1)));

    private static final List<Mutation> BATCH = List.of(
            Mutation.put(Namespace.TWINS, "a", record("a", 2)),
            Mutation.put(Namespace.TWINS, "b", record("b", 1)),
            Mutation.delete(Namespace.IDENTITIES, "a"),
            Mutation.put(Namespace.META, "counter", record("counter", 7)));

    private static void assertBaselineOnly(MvStoreHubStorage storage) {
        assertThat(storage.load(Namespace.TWINS)).isEqualTo(Map.of("a", record("a", 1)));
        assertThat(storage.load(Namespace.IDENTITIES)).isEqualTo(Map.of("a", record("a", 1)));
        assertThat(storage.load(Namespace.META)).isEmpty();
    }

    private static void assertCommitFails(MvStoreHubStorage storage, List<Mutation> batch, String cause) {
        assertThatThrownBy(() -> storage.commit(batch))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(storage.directory().toString())
                .hasMessageContaining("none was applied")
                .hasMessageContaining(cause)
                .satisfies(e -> assertThat(((HubStorageException) e).errorCode())
                        .isEqualTo(IotHubErrorCode.SERVER_ERROR))
                .hasCauseInstanceOf(RuntimeException.class);
    }

    /** After a failed batch the store still works, and a reopen shows the baseline plus what came after. */
    private static void assertRecovers(MvStoreHubStorage storage, Path dir, String prefix) {
        storage.commit(List.of(Mutation.put(Namespace.TWINS, "later", record("later", 1))));
        storage.close();
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir, prefix)) {
            assertThat(reopened.load(Namespace.TWINS)).isEqualTo(Map.of("a", record("a", 1), "later",
                    record("later", 1)));
            assertThat(reopened.load(Namespace.IDENTITIES)).isEqualTo(Map.of("a", record("a", 1)));
            assertThat(reopened.load(Namespace.META)).isEmpty();
        }
    }

    @Test
    void aFailureAfterTheFirstWriteLeavesNoneOfTheBatch() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir);
        try {
            storage.commit(BASELINE);
            storage.probe(new CommitProbe() {
                @Override
                public void afterWrite(int index) {
                    if (index == 0) {
                        throw new IllegalStateException("injected after the first put");
                    }
                }
            });
            assertCommitFails(storage, BATCH, "injected after the first put");
            assertBaselineOnly(storage);
            storage.probe(CommitProbe.NONE);
            assertRecovers(storage, dir, "");
        } finally {
            storage.close();
        }
    }

    @Test
    void aFailureAfterTheChunkIsWrittenLeavesNoneOfTheBatchInMemoryOrInTheFile() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir);
        try {
            storage.commit(BASELINE);
            storage.probe(new CommitProbe() {
                @Override
                public void afterStore() {
                    throw new IllegalStateException("injected before sync");
                }
            });
            assertCommitFails(storage, BATCH, "injected before sync");
            assertBaselineOnly(storage);
            storage.probe(CommitProbe.NONE);
            assertRecovers(storage, dir, "");
        } finally {
            storage.close();
        }
    }

    @Test
    void aCrashJustBeforeALargeBatchIsStoredFindsNoneOfItInTheFile() throws Exception {
        Path dir = temp.resolve("data");
        Path snapshot = Files.createDirectories(temp.resolve("snapshot"));
        String padding = "x".repeat(4000);
        List<Mutation> large = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            large.add(Mutation.put(Namespace.TWINS, "big" + i,
                    JsonObject.builder().put("i", i).put("padding", padding).build()));
        }
        try (MvStoreHubStorage storage = MvStoreHubStorage.open(dir)) {
            storage.commit(BASELINE);
            // the file as a crash would leave it once every map holds the batch: MVStore must not have written any
            // of it on its own, as it does by default when unsaved changes outgrow its write buffer
            storage.probe(new CommitProbe() {
                @Override
                public void afterWrite(int index) {
                    if (index == large.size() - 1) {
                        try {
                            Files.copy(storage.directory().resolve("hub.mv.db"), snapshot.resolve("hub.mv.db"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
            });
            storage.commit(large);
            assertThat(storage.load(Namespace.TWINS)).hasSize(large.size() + 1);
        }
        try (MvStoreHubStorage crashed = MvStoreHubStorage.open(snapshot)) {
            assertBaselineOnly(crashed);
        }
        try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir)) {
            assertThat(reopened.load(Namespace.TWINS)).hasSize(large.size() + 1)
                    .containsEntry("big7999", JsonObject.builder().put("i", 7999).put("padding", padding).build());
        }
    }

    @Test
    void aFullDiskFailsTheCommitAndLeavesNoneOfTheBatch() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX);
        try {
            storage.commit(BASELINE);
            FailingFilePath.failWrites = true;
            assertCommitFails(storage, BATCH, "No space left on device");
            assertThat(FailingFilePath.tornWrites).isPositive();
            assertBaselineOnly(storage);
            assertCommitFails(storage, BATCH, "No space left on device");
            FailingFilePath.failWrites = false;
            assertBaselineOnly(storage);
            assertRecovers(storage, dir, FailingFilePath.PREFIX);
        } finally {
            storage.close();
        }
    }

    @Test
    void aSyncThatFailsFailsTheCommitAndLeavesNoneOfTheBatch() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX);
        try {
            storage.commit(BASELINE);
            FailingFilePath.syncFailures = 1;
            assertThatThrownBy(() -> storage.commit(BATCH))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(FailingFilePath.syncFailures).isZero();
            assertBaselineOnly(storage);
            assertRecovers(storage, dir, FailingFilePath.PREFIX);
        } finally {
            storage.close();
        }
    }

    @Test
    void aStoreWhoseFailedCommitCannotBeUndoneRefusesWorkUntilReopened() {
        Path dir = temp.resolve("data");
        MvStoreHubStorage storage = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX);
        try {
            storage.commit(BASELINE);
            FailingFilePath.syncFailures = Integer.MAX_VALUE;
            assertThatThrownBy(() -> storage.commit(BATCH))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("undoing it failed as well")
                    .hasMessageNotContaining("none was applied");
            // the sync of the undo failed as well: the store cannot tell what the disk holds
            assertThatThrownBy(() -> storage.load(Namespace.TWINS))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("unusable")
                    .hasMessageContaining("reopen the data directory " + storage.directory());
            assertThatThrownBy(() -> storage.commit(BASELINE))
                    .isInstanceOf(HubStorageException.class)
                    .hasMessageContaining("unusable");
            FailingFilePath.syncFailures = 0;
            storage.close();
            try (MvStoreHubStorage reopened = MvStoreHubStorage.open(dir, FailingFilePath.PREFIX)) {
                // an unsynced batch may or may not have reached the disk, but only as a whole
                Map<String, JsonObject> twins = reopened.load(Namespace.TWINS);
                if (twins.containsKey("b")) {
                    assertThat(twins).isEqualTo(Map.of("a", record("a", 2), "b", record("b", 1)));
                    assertThat(reopened.load(Namespace.IDENTITIES)).isEmpty();
                    assertThat(reopened.load(Namespace.META)).isEqualTo(Map.of("counter", record("counter", 7)));
                } else {
                    assertBaselineOnly(reopened);
                }
            }
        } finally {
            storage.close();
        }
    }

    /** The disk, with switches that make writes fail part-way ({@code ENOSPC}) and the next syncs fail ({@code EIO}). */
    public static final class FailingFilePath extends FilePathWrapper {

        static final String PREFIX = "failing:";

        static volatile boolean failWrites;
        static volatile int syncFailures;
        static volatile int tornWrites;

        @Override
        public String getScheme() {
            return "failing";
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new FailingChannel(getBase().open(mode));
        }
    }

    /** Delegates to the real channel unless {@link FailingFilePath} says to fail. */
    private static final class FailingChannel extends FileChannel {
        private final FileChannel base;

        FailingChannel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (FailingFilePath.failWrites) {
                // a full disk takes part of the write before it refuses the rest
                ByteBuffer half = src.duplicate();
                half.limit(src.position() + src.remaining() / 2);
                base.write(half, position);
                FailingFilePath.tornWrites++;
                throw new IOException("No space left on device");
            }
            return base.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (FailingFilePath.failWrites) {
                throw new IOException("No space left on device");
            }
            return base.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (FailingFilePath.failWrites) {
                throw new IOException("No space left on device");
            }
            return base.write(srcs, offset, length);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (FailingFilePath.syncFailures > 0) {
                FailingFilePath.syncFailures--;
                throw new IOException("Input/output error");
            }
            base.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return base.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return base.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            base.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (FailingFilePath.failWrites) {
                throw new IOException("No space left on device");
            }
            base.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return base.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return base.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return base.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return base.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
