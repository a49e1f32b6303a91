package io.twinkit.emulator.internal.hub;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottlingTier;
import java.time.Duration;

/**
 * The limits of a hub's scheduled jobs: the service's (active jobs and job device operations per tier, job history)
 * and the emulator's own bounds on what its jobs keep.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-quotas-throttling">Quotas and
 *     throttling</a>
 */
final class JobLimits {

    /** The queued and running jobs a hub without a tier allows at once: the emulator's bound, not the service's. */
    static final int ACTIVE_JOBS_WITHOUT_TIER = 100;

    /** The most jobs a hub keeps, finished or not. */
    static final int MAX_KEPT_JOBS = 1_000;

    /** The most device records a hub keeps over its jobs (a job's devices count once it has started). */
    static final long MAX_KEPT_DEVICES = 1_000_000;

    /** How long a finished job is kept after it ended, as the service's job history. */
    static final Duration HISTORY = Duration.ofDays(30);

    /** The most devices a job processes in one storage commit and without letting other jobs run. */
    static final int BATCH = 1_000;

    /**
     * The most devices of a method job that are called at once, as one group; the group's answers are committed
     * together once every call of the group has ended.
     */
    static final int METHOD_BATCH = 100;

    /** The device ids one storage record of a job's selected devices holds. */
    static final int TARGET_CHUNK = 1_000;

    /** The longest a queued job sleeps before it looks at the hub's clock again (a test's clock may jump). */
    static final Duration MAX_SLEEP = Duration.ofSeconds(1);

    private JobLimits() {
    }

    /** Returns how many jobs may be queued or running at once: 1 for S1, 5 for S2, 10 for S3, whatever the units. */
    static int maxActiveJobs(HubOptions options) {
        return options.throttlingTier().map(tier -> switch (tier) {
            case S1 -> 1;
            case S2 -> 5;
            case S3 -> 10;
        }).orElse(ACTIVE_JOBS_WITHOUT_TIER);
    }

    /**
     * Returns the job device operations (twin updates by jobs) per second the tier allows: 10 for S1, the higher of
     * 10 and 1 per unit for S2, 50 per unit for S3; 0 for a hub without a tier, whose jobs are not paced.
     */
    static int deviceOperationsPerSecond(HubOptions options) {
        ThrottlingTier tier = options.throttlingTier().orElse(null);
        if (tier == null) {
            return 0;
        }
        int units = options.throttlingUnits();
        return switch (tier) {
            case S1 -> 10;
            case S2 -> Math.max(10, units);
            case S3 -> 50 * units;
        };
    }
}
