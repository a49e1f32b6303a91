package io.twinkit.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TwinJobClient#scheduleTwinUpdate} schedules a job: its id (by default a new random UUID for each job),
 * when it starts (by default at once) and how long it may run (by default one hour, after which the hub stops it).
 *
 * <pre>{@code
 * TwinJobOptions.defaults().jobId("firmware-2-0-rollout").startTime(Instant.parse("2030-01-01T02:00:00Z"))
 *         .maxExecutionTime(Duration.ofMinutes(30))
 * }</pre>
 *
 * <p>Immutable and thread-safe; the methods that configure return new options.
 */
public final class TwinJobOptions {

    /** The longest a job may run when the options do not say: one hour. */
    public static final Duration DEFAULT_MAX_EXECUTION_TIME = Duration.ofHours(1);

    private static final TwinJobOptions DEFAULTS = new TwinJobOptions(null, null, DEFAULT_MAX_EXECUTION_TIME);

    private final @Nullable String jobId;
    private final @Nullable Instant startTime;
    private final Duration maxExecutionTime;

    private TwinJobOptions(@Nullable String jobId, @Nullable Instant startTime, Duration maxExecutionTime) {
        this.jobId = jobId;
        this.startTime = startTime;
        this.maxExecutionTime = maxExecutionTime;
    }

    /** Returns the defaults: a random UUID as job id, starting at once, running at most one hour. */
    public static TwinJobOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with a job id of your choosing. Scheduling twice with the same id, patch and condition
     * gives the one job the first call created (see {@link TwinJobClient#scheduleTwinUpdate}).
     *
     * @param id the job id: 1 to 128 characters, none of them whitespace, a control character or {@code / \ ? # %}
     * @return the options
     * @throws IllegalArgumentException if the id cannot be sent
     */
    public TwinJobOptions jobId(String id) {
        return new TwinJobOptions(ResourceIds.check("job id", id), startTime, maxExecutionTime);
    }

    /**
     * Returns these options with a start time; until then the job is {@link TwinJobStatus#SCHEDULED} (or queued) and
     * can be cancelled before it touches a device.
     *
     * @param start when the job starts; a time in the past starts it at once
     * @return the options
     */
    public TwinJobOptions startTime(Instant start) {
        return new TwinJobOptions(jobId, Objects.requireNonNull(start, "start"), maxExecutionTime);
    }

    /**
     * Returns these options with another limit on how long the job may run, sent in whole seconds.
     *
     * @param limit at least one second
     * @return the options
     * @throws IllegalArgumentException if the limit is under one second
     */
    public TwinJobOptions maxExecutionTime(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.getSeconds() < 1) {
            throw new IllegalArgumentException("maxExecutionTime " + limit + " is under one second");
        }
        return new TwinJobOptions(jobId, startTime, Duration.ofSeconds(limit.getSeconds()));
    }

    /** Returns the job id chosen, or empty for a new random UUID per job. */
    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    /** Returns the start time chosen, or empty to start at once. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    /** Returns how long the job may run, in whole seconds. */
    public Duration maxExecutionTime() {
        return maxExecutionTime;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof TwinJobOptions other && Objects.equals(jobId, other.jobId)
                && Objects.equals(startTime, other.startTime) && maxExecutionTime.equals(other.maxExecutionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, startTime, maxExecutionTime);
    }

    @Override
    public String toString() {
        return "TwinJobOptions[jobId=" + (jobId == null ? "random" : jobId) + ", startTime="
                + (startTime == null ? "now" : startTime) + ", maxExecutionTime=" + maxExecutionTime + "]";
    }
}
