package io.twinkit.emulator;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;

/**
 * How far a job got over its devices, the service's {@code deviceJobStatistics}: the devices its condition selected
 * when it started, and how many of them succeeded, failed, are pending (not processed yet, or never, when the job
 * stopped before reaching them) or running. A job that has not started selected no device yet.
 *
 * @param deviceCount the devices the job selected
 * @param succeededCount the devices whose update was applied
 * @param failedCount the devices whose update was refused (a twin limit, an etag that did not match, a device deleted
 *     meanwhile)
 * @param pendingCount the selected devices not processed
 * @param runningCount the devices being processed at this moment
 */
public record DeviceJobStatistics(int deviceCount, int succeededCount, int failedCount, int pendingCount,
                                  int runningCount) {

    /** The statistics of a job that has not started: no device selected. */
    public static final DeviceJobStatistics NONE = new DeviceJobStatistics(0, 0, 0, 0, 0);

    /**
     * Creates statistics.
     *
     * @throws IllegalArgumentException if a count is negative or the counts do not add up to {@code deviceCount}
     */
    public DeviceJobStatistics {
        if (deviceCount < 0 || succeededCount < 0 || failedCount < 0 || pendingCount < 0 || runningCount < 0) {
            throw new IllegalArgumentException("job statistics are never negative");
        }
        if ((long) succeededCount + failedCount + pendingCount + runningCount != deviceCount) {
            throw new IllegalArgumentException("succeeded, failed, pending and running devices (" + succeededCount
                    + ", " + failedCount + ", " + pendingCount + ", " + runningCount + ") must add up to the "
                    + deviceCount + " devices of the job");
        }
    }

    /** Returns the service's JSON form, {@code {"deviceCount":2,"failedCount":0,...}}. */
    public JsonObject toJson() {
        return JsonObject.builder(5)
                .put("deviceCount", JsonNumber.of(deviceCount))
                .put("failedCount", JsonNumber.of(failedCount))
                .put("succeededCount", JsonNumber.of(succeededCount))
                .put("runningCount", JsonNumber.of(runningCount))
                .put("pendingCount", JsonNumber.of(pendingCount))
                .build();
    }
}
