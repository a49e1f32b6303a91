package io.twinkit.service;

import io.twinkit.core.WireNamed;

/**
 * Where a scheduled job stands, as IoT Hub reports it in a job's {@code status} (and each device's part of a job in
 * {@code devices.jobs}). The service spells each constant as {@link #wireName()}; reading ignores case.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-jobs">Schedule jobs on multiple
 *     devices</a>
 */
public enum TwinJobStatus implements WireNamed {
    /** Accepted, waiting to be run. */
    QUEUED("queued"),
    /** Accepted, waiting to be run (the name some answers use for {@link #QUEUED}). */
    ENQUEUED("enqueued"),
    /** Waiting for its start time. */
    SCHEDULED("scheduled"),
    /** Being applied to the devices. */
    RUNNING("running"),
    /** Done: every device was handled, whether it succeeded or failed. */
    COMPLETED("completed"),
    /** The job as a whole failed (see its failure reason). */
    FAILED("failed"),
    /** Cancelled before it completed. */
    CANCELLED("cancelled"),
    /** A status the hub did not name. */
    UNKNOWN("unknown");

    private final String wireName;

    TwinJobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses in JSON and in the {@code jobStatus} query parameter, e.g. {@code running}. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** Returns whether the job can no longer change: {@link #COMPLETED}, {@link #FAILED} or {@link #CANCELLED}. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /**
     * Returns the constant whose wire name is {@code text}, ignoring case.
     *
     * @param text the wire name
     * @return the status
     * @throws IllegalArgumentException if there is none, listing the accepted names
     */
    public static TwinJobStatus fromWireName(String text) {
        return WireNamed.fromWireName(TwinJobStatus.class, text);
    }

    /** Returns the wire name. */
    @Override
    public String toString() {
        return wireName;
    }
}
