package io.twinkit.emulator.internal.store;

/**
 * Points inside {@link MvStoreHubStorage#commit} where tests inject failures, so that rollback is exercised at each
 * stage of a batch without a disk that actually fails, and watch how writes are grouped into batches. The probe runs
 * on the thread that commits the batch (or, for {@link #afterSync} in relaxed mode, the thread that syncs). Production
 * code uses {@link #NONE}.
 */
interface CommitProbe {

    /** The probe that does nothing. */
    CommitProbe NONE = new CommitProbe() {
    };

    /**
     * Called when a batch is taken, before any of it is applied.
     *
     * @param writes how many {@code commit} calls the batch joins
     * @param bytes the size of their keys and values, in characters
     */
    default void batch(int writes, long bytes) {
    }

    /** Called after mutation {@code index} of the batch (counted across all its writes) was applied to the maps. */
    default void afterWrite(int index) {
    }

    /** Called after the batch was written to the file and before it is synced. */
    default void afterStore() {
    }

    /** Called after the store file was synced to the disk, once per sync. */
    default void afterSync() {
    }
}
