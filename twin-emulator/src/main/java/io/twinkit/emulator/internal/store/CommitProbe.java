package io.twinkit.emulator.internal.store;

/**
 * Points inside {@link MvStoreHubStorage#commit} where tests inject failures, so that rollback is exercised at each
 * stage of a batch without a disk that actually fails. Production code uses {@link #NONE}.
 */
interface CommitProbe {

    /** The probe that does nothing. */
    CommitProbe NONE = new CommitProbe() {
    };

    /** Called after mutation {@code index} of the batch was applied to the in-memory maps. */
    default void afterWrite(int index) {
    }

    /** Called after the batch was written to the file and before it is synced. */
    default void afterStore() {
    }
}
