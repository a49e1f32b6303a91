package io.twinkit.emulator;

/**
 * When a hub with a data directory acknowledges a write ({@link HubOptions.Builder#durability}). Either way a write is
 * all-or-nothing, writes of one twin keep their order, and writes that arrive while the store is busy are committed
 * together (group commit). In memory (no data directory) the mode has no effect: nothing outlives the process.
 */
public enum Durability {

    /**
     * A write is acknowledged only once its commit is synced to the disk: nothing acknowledged is lost when the
     * process is killed or the machine loses power. The default.
     */
    SYNC,

    /**
     * A write is acknowledged once its commit is written to the store file, and the file is synced to the disk every
     * {@value #RELAXED_SYNC_MILLIS} ms: nothing acknowledged is lost when the process is killed (the operating system
     * still holds what was written), but a power loss or an operating system crash may lose the writes of up to that
     * interval. The store stays consistent either way: it reopens at an earlier commit, never a torn one.
     */
    RELAXED;

    /** How often, in milliseconds, a {@link #RELAXED} store syncs what it has written to the disk. */
    public static final int RELAXED_SYNC_MILLIS = 100;
}
