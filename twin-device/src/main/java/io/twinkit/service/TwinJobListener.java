package io.twinkit.service;

/**
 * Told how a job progresses while {@link TwinJob#await(java.time.Duration, TwinJobListener)} waits for it: once with
 * the first state read, then each time its status or its {@linkplain TwinJobStatistics statistics} change. Called on
 * the waiting thread, between two reads of the job; an exception it throws ends the wait and reaches the caller.
 */
@FunctionalInterface
public interface TwinJobListener {

    /**
     * Called with the job as just read.
     *
     * @param job the job's new state
     */
    void onProgress(TwinJob job);
}
