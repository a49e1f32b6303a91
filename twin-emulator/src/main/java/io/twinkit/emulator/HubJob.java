package io.twinkit.emulator;

import io.twinkit.core.TwinTime;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled job as the hub reports it at one moment, the service's {@code JobResponse} ({@link #toJson()}).
 *
 * @param jobId the job id
 * @param type what the job does
 * @param status where the job is in its life
 * @param queryCondition the condition that selects the job's devices, as scheduled
 * @param updateTwin the update each device gets, a twin update body with its {@code etag}; {@code {}} for a method
 *     job
 * @param createdTime when the job was scheduled
 * @param startTime when the job starts (or started): the requested start time, or the scheduling time when none was
 *     requested
 * @param maxExecutionTime how long the job may run once started
 * @param endTime when the job ended; {@code null} while queued or running
 * @param failureReason why a failed job failed; {@code null} unless {@link JobStatus#FAILED}
 * @param statusMessage a message about the job's end (why it failed or was cancelled); {@code null} when none
 * @param statistics how far the job got over its devices
 * @param cloudToDeviceMethod the direct method a method job calls on each device; {@code null} for a twin update job
 */
public record HubJob(String jobId, JobType type, JobStatus status, String queryCondition, JsonObject updateTwin,
                     Instant createdTime, Instant startTime, Duration maxExecutionTime, @Nullable Instant endTime,
                     @Nullable String failureReason, @Nullable String statusMessage,
                     DeviceJobStatistics statistics, @Nullable CloudToDeviceMethod cloudToDeviceMethod) {

    /**
     * Creates a job report.
     *
     * @throws IllegalArgumentException if a {@link JobType#SCHEDULE_DEVICE_METHOD} job has no method, or another job
     *     has one
     */
    public HubJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(queryCondition, "queryCondition");
        Objects.requireNonNull(updateTwin, "updateTwin");
        Objects.requireNonNull(createdTime, "createdTime");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(maxExecutionTime, "maxExecutionTime");
        Objects.requireNonNull(statistics, "statistics");
        if ((type == JobType.SCHEDULE_DEVICE_METHOD) != (cloudToDeviceMethod != null)) {
            throw new IllegalArgumentException("a " + JobType.SCHEDULE_DEVICE_METHOD.wireName() + " job, and only"
                    + " such a job, has a cloudToDeviceMethod; job '" + jobId + "' is " + type.wireName());
        }
    }

    /** Creates the report of a twin update job, which calls no method. */
    public HubJob(String jobId, JobType type, JobStatus status, String queryCondition, JsonObject updateTwin,
                  Instant createdTime, Instant startTime, Duration maxExecutionTime, @Nullable Instant endTime,
                  @Nullable String failureReason, @Nullable String statusMessage, DeviceJobStatistics statistics) {
        this(jobId, type, status, queryCondition, updateTwin, createdTime, startTime, maxExecutionTime, endTime,
                failureReason, statusMessage, statistics, null);
    }

    /** Returns the direct method a method job calls, if this is one. */
    public Optional<CloudToDeviceMethod> deviceMethod() {
        return Optional.ofNullable(cloudToDeviceMethod);
    }

    /** Returns whether the job has ended (see {@link JobStatus#isFinished()}). */
    public boolean isFinished() {
        return status.isFinished();
    }

    /** Returns when the job ended, if it has. */
    public Optional<Instant> end() {
        return Optional.ofNullable(endTime);
    }

    /**
     * Returns the service's JSON form of the job, as {@code GET /jobs/v2/{id}} answers it: {@code jobId},
     * {@code type}, {@code status}, {@code queryCondition}, {@code updateTwin} (a twin update job) or
     * {@code cloudToDeviceMethod} (a method job, {@link CloudToDeviceMethod#toJson()}), {@code createdTime},
     * {@code startTime}, {@code endTime} (once ended), {@code maxExecutionTimeInSeconds}, {@code failureReason} and
     * {@code statusMessage} (when set) and {@code deviceJobStatistics}; times as the service writes them.
     */
    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder(12)
                .put("jobId", JsonString.of(jobId))
                .put("type", JsonString.of(type.wireName()))
                .put("status", JsonString.of(status.wireName()))
                .put("queryCondition", JsonString.of(queryCondition));
        if (cloudToDeviceMethod == null) {
            json.put("updateTwin", updateTwin);
        } else {
            json.put("cloudToDeviceMethod", cloudToDeviceMethod.toJson());
        }
        json.put("createdTime", JsonString.of(TwinTime.format(createdTime)))
                .put("startTime", JsonString.of(TwinTime.format(startTime)));
        if (endTime != null) {
            json.put("endTime", JsonString.of(TwinTime.format(endTime)));
        }
        json.put("maxExecutionTimeInSeconds", JsonNumber.of(maxExecutionTime.getSeconds()));
        if (failureReason != null) {
            json.put("failureReason", JsonString.of(failureReason));
        }
        if (statusMessage != null) {
            json.put("statusMessage", JsonString.of(statusMessage));
        }
        return json.put("deviceJobStatistics", statistics.toJson()).build();
    }
}
