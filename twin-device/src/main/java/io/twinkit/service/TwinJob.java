package io.twinkit.service;

import io.twinkit.core.MergePatch;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled job as last read from the hub, and the handle to follow it: {@link #refresh()} reads it again,
 * {@link #await(Duration)} waits until it is done, {@link #cancel()} stops it. Returned by
 * {@link TwinJobClient#scheduleTwinUpdate}, {@link TwinJobClient#get(String)} and the job queries.
 *
 * <pre>{@code
 * TwinJob job = backEnd.jobs().scheduleTwinUpdate(tag("location.plant").eq("Redmond43"),
 *         TwinPatch.desiredChange(Map.of(), new Firmware("2.0.0")), TwinJobOptions.defaults());
 * TwinJob done = job.await(Duration.ofMinutes(5), progress -> log(progress.statistics()));
 * }</pre>
 *
 * <p>Immutable and thread-safe: each read gives a new {@code TwinJob}; this one keeps the state it was read with.
 */
public final class TwinJob {

    /** The first pause between two reads of an awaited job; it doubles after each read up to {@link #MAX_POLL}. */
    static final Duration FIRST_POLL = Duration.ofMillis(200);
    /** The longest pause between two reads of an awaited job, within the hub's job-read throttle. */
    static final Duration MAX_POLL = Duration.ofSeconds(2);

    private final TwinJobClient client;
    private final String id;
    private final TwinJobType type;
    private final TwinJobStatus status;
    private final TwinJobStatistics statistics;
    private final @Nullable String queryCondition;
    private final TwinPatch patch;
    private final @Nullable Instant createdTime;
    private final @Nullable Instant startTime;
    private final @Nullable Instant endTime;
    private final @Nullable Duration maxExecutionTime;
    private final @Nullable String failureReason;
    private final @Nullable String statusMessage;

    private TwinJob(TwinJobClient client, JsonObject json) {
        this.client = client;
        this.id = WireJson.string(json, "jobId").orElseThrow(() -> new IllegalArgumentException("a job without jobId: "
                + json));
        this.type = WireJson.constant(json, "type", TwinJobType.class, TwinJobType.UNKNOWN);
        this.status = WireJson.constant(json, "status", TwinJobStatus.class, TwinJobStatus.UNKNOWN);
        this.statistics = statistics(json.valueOrNull("deviceJobStatistics"));
        this.queryCondition = WireJson.string(json, "queryCondition").orElse(null);
        this.patch = patch(json.valueOrNull("updateTwin"));
        this.createdTime = WireJson.time(json, "createdTime");
        this.startTime = WireJson.time(json, "startTime");
        this.endTime = WireJson.time(json, "endTime");
        long seconds = WireJson.integer(json, "maxExecutionTimeInSeconds", -1);
        this.maxExecutionTime = seconds < 0 ? null : Duration.ofSeconds(seconds);
        this.failureReason = WireJson.string(json, "failureReason").orElse(null);
        this.statusMessage = WireJson.string(json, "statusMessage").orElse(null);
    }

    /**
     * Reads a job from the JSON the adapter hands over (the REST API's shape); a type or status it does not know reads
     * as {@code UNKNOWN}.
     *
     * @throws IllegalArgumentException if it has no {@code jobId}
     */
    static TwinJob fromJson(TwinJobClient client, JsonObject json) {
        return new TwinJob(client, json);
    }

    /** Returns the job's id. */
    public String id() {
        return id;
    }

    /** Returns what the job does. */
    public TwinJobType type() {
        return type;
    }

    /** Returns where the job stood when it was read. */
    public TwinJobStatus status() {
        return status;
    }

    /** Returns whether the job was done when it was read: completed, failed or cancelled. */
    public boolean isFinished() {
        return status.isFinal();
    }

    /** Returns how far the job had got over its devices when it was read ({@link TwinJobStatistics#NONE} before). */
    public TwinJobStatistics statistics() {
        return statistics;
    }

    /** Returns the {@code WHERE} condition that picks the job's twins, as the hub has it. */
    public Optional<String> queryCondition() {
        return Optional.ofNullable(queryCondition);
    }

    /** Returns the patch a twin-update job applies, as the hub has it; empty for other jobs. */
    public TwinPatch patch() {
        return patch;
    }

    /** Returns when the job was created, if the hub said. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    /** Returns when the job starts or started, if the hub said. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    /** Returns when the job ended, once it has. */
    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** Returns how long the job may run, if the hub said. */
    public Optional<Duration> maxExecutionTime() {
        return Optional.ofNullable(maxExecutionTime);
    }

    /** Returns why the job failed, for a failed job. */
    public Optional<String> failureReason() {
        return Optional.ofNullable(failureReason);
    }

    /** Returns the hub's message about the job's progress, if any. */
    public Optional<String> statusMessage() {
        return Optional.ofNullable(statusMessage);
    }

    /**
     * Reads the job again.
     *
     * @return its current state
     * @throws TwinNotFoundException if the hub no longer has the job
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public TwinJob refresh() {
        return client.get(id);
    }

    /**
     * Waits until the job is done (completed, failed or cancelled): reads it at once, again after 200 ms, then after
     * twice as long as the time before, at most every 2 s.
     *
     * @param timeout how long to wait in all
     * @return the job in its final state
     * @throws TwinTimeoutException if it is still not done when the timeout has passed; names the last state read
     * @throws TwinNotFoundException if the hub no longer has the job
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public TwinJob await(Duration timeout) {
        return await(timeout, job -> { });
    }

    /**
     * Waits until the job is done, as {@link #await(Duration)} does, and tells {@code listener} of the first state
     * read and of every change of status or statistics after it.
     *
     * @param timeout how long to wait in all
     * @param listener told of the job's progress, on this thread
     * @return the job in its final state
     * @throws TwinTimeoutException if it is still not done when the timeout has passed; names the last state read
     * @throws TwinNotFoundException if the hub no longer has the job
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public TwinJob await(Duration timeout, TwinJobListener listener) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        TwinJob[] last = {null};
        return Waits.until(() -> {
            TwinJob now = refresh();
            TwinJob before = last[0];
            last[0] = now;
            if (before == null || before.status != now.status || !before.statistics.equals(now.statistics)) {
                listener.onProgress(now);
            }
            return now;
        }, timeout, TwinJob::isFinished, job -> "job '" + id + "' was not done within " + timeout + "; last seen: "
                + job.status + ", " + job.statistics, Waits.doubling(FIRST_POLL, MAX_POLL));
    }

    /**
     * Cancels the job: a job that has not started never starts, a running one stops with the devices it has done.
     * Cancelling a job that is done changes nothing. Retried on transient errors, as cancelling twice is cancelling
     * once.
     *
     * @return the job after the request (the hub may report {@link TwinJobStatus#CANCELLED} only a little later)
     * @throws TwinNotFoundException if the hub does not have the job
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public TwinJob cancel() {
        return client.cancel(id);
    }

    /** Returns whether this is a twin-update job of {@code condition} applying {@code update}. */
    boolean updates(String condition, TwinPatch update) {
        return type == TwinJobType.SCHEDULE_UPDATE_TWIN && condition.equals(queryCondition) && patch.equals(update);
    }

    @Override
    public String toString() {
        return "TwinJob[" + id + ", " + type + ", " + status + ", " + statistics + "]";
    }

    private static TwinJobStatistics statistics(@Nullable JsonValue value) {
        if (!(value instanceof JsonObject json)) {
            return TwinJobStatistics.NONE;
        }
        return new TwinJobStatistics(count(json, "deviceCount"), count(json, "succeededCount"),
                count(json, "failedCount"), count(json, "pendingCount"), count(json, "runningCount"));
    }

    private static int count(JsonObject json, String key) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, WireJson.integer(json, key, 0)));
    }

    private static TwinPatch patch(@Nullable JsonValue value) {
        if (!(value instanceof JsonObject update)) {
            return TwinPatch.empty();
        }
        return new TwinPatch(MergePatch.of(WireJson.object(update, "tags")),
                MergePatch.of(WireJson.object(WireJson.object(update, "properties"), "desired")));
    }
}
