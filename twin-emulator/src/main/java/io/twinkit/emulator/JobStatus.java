package io.twinkit.emulator;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a scheduled job is in its life: {@link #QUEUED} until its start time, then {@link #RUNNING} over the devices
 * its condition selected, and finally {@link #COMPLETED}, {@link #FAILED} or {@link #CANCELLED}.
 */
public enum JobStatus {
    /** Scheduled and waiting for its start time; the service reports this right after scheduling. */
    QUEUED("queued"),
    /** Started: the devices are selected and being updated. */
    RUNNING("running"),
    /** Every selected device was processed (some may have failed: see the job's statistics). */
    COMPLETED("completed"),
    /** The job stopped before it processed every device, e.g. past its maximum execution time. */
    FAILED("failed"),
    /** Cancelled before it finished. */
    CANCELLED("cancelled");

    private final String wireName;

    JobStatus(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name the service uses, e.g. {@code queued}. */
    public String wireName() {
        return wireName;
    }

    /** Returns whether the job has ended: completed, failed or cancelled. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Returns the status the service names {@code name} (exactly, as it writes it), if any. */
    public static Optional<JobStatus> fromWireName(String name) {
        Objects.requireNonNull(name, "name");
        for (JobStatus status : values()) {
            if (status.wireName.equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
