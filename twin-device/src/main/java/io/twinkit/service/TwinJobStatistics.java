package io.twinkit.service;

/**
 * How far a job has got over its devices, as IoT Hub counts them in {@code deviceJobStatistics}. Immutable.
 *
 * @param deviceCount the devices the job's condition selected
 * @param succeeded the devices it was applied to
 * @param failed the devices it could not be applied to
 * @param pending the devices still waiting
 * @param running the devices being handled now
 */
public record TwinJobStatistics(int deviceCount, int succeeded, int failed, int pending, int running) {

    /** The counts of a job the hub has not counted yet: all zero. */
    public static final TwinJobStatistics NONE = new TwinJobStatistics(0, 0, 0, 0, 0);

    /**
     * Creates counts.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public TwinJobStatistics {
        if (deviceCount < 0 || succeeded < 0 || failed < 0 || pending < 0 || running < 0) {
            throw new IllegalArgumentException("job statistics cannot be negative: deviceCount " + deviceCount
                    + ", succeeded " + succeeded + ", failed " + failed + ", pending " + pending + ", running "
                    + running);
        }
    }

    /** Returns the devices the job is done with, whether it succeeded or failed on them. */
    public int finished() {
        return succeeded + failed;
    }
}
