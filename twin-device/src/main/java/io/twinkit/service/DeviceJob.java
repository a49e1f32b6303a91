package io.twinkit.service;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One device's part of a job: a row of {@code SELECT * FROM devices.jobs}, read with
 * {@link TwinJobClient#deviceJobs(io.twinkit.query.Query)}. It says whether the job succeeded or failed on that device,
 * and why it failed.
 *
 * <pre>{@code
 * Query failed = selectAll().fromJobs().where(field("jobId").eq(job.id()).and(field("status").eq("failed")));
 * backEnd.jobs().deviceJobs(failed).forEach(row -> log(row.deviceId() + ": " + row.errorDescription().orElse("")));
 * }</pre>
 *
 * <p>Immutable and thread-safe; equal when every field is.
 */
public final class DeviceJob {

    private final DeviceId deviceId;
    private final String jobId;
    private final TwinJobType type;
    private final TwinJobStatus status;
    private final @Nullable Instant createdTime;
    private final @Nullable Instant startTime;
    private final @Nullable Instant endTime;
    private final @Nullable Instant lastUpdatedTime;
    private final @Nullable String errorCode;
    private final @Nullable String errorDescription;

    private DeviceJob(DeviceId deviceId, String jobId, TwinJobType type, TwinJobStatus status,
            @Nullable Instant createdTime, @Nullable Instant startTime, @Nullable Instant endTime,
            @Nullable Instant lastUpdatedTime, @Nullable String errorCode, @Nullable String errorDescription) {
        this.deviceId = deviceId;
        this.jobId = jobId;
        this.type = type;
        this.status = status;
        this.createdTime = createdTime;
        this.startTime = startTime;
        this.endTime = endTime;
        this.lastUpdatedTime = lastUpdatedTime;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
    }

    /**
     * Reads a row from the JSON the adapter hands over (the REST API's shape: {@code deviceId}, {@code jobId},
     * {@code type}, {@code status}, the times, {@code error} with {@code code} and {@code description}).
     *
     * @throws IllegalArgumentException if it has no {@code jobId} or no valid {@code deviceId}
     */
    static DeviceJob fromJson(JsonObject json) {
        String device = WireJson.string(json, "deviceId").orElseThrow(() -> new IllegalArgumentException(
                "a device job row without deviceId: " + json));
        String jobId = WireJson.string(json, "jobId").orElseThrow(() -> new IllegalArgumentException(
                "a device job row without jobId: " + json));
        JsonObject error = WireJson.object(json, "error");
        return new DeviceJob(DeviceId.of(device), jobId,
                WireJson.constant(json, "type", TwinJobType.class, TwinJobType.UNKNOWN),
                WireJson.constant(json, "status", TwinJobStatus.class, TwinJobStatus.UNKNOWN),
                WireJson.time(json, "createdTime"), WireJson.time(json, "startTime"), WireJson.time(json, "endTime"),
                WireJson.time(json, "lastUpdatedTime"), WireJson.string(error, "code").orElse(null),
                WireJson.string(error, "description").orElse(null));
    }

    /** Returns the device. */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** Returns the job's id. */
    public String jobId() {
        return jobId;
    }

    /** Returns what the job does. */
    public TwinJobType type() {
        return type;
    }

    /** Returns where the job stands on this device: {@link TwinJobStatus#COMPLETED} or {@code FAILED} when done. */
    public TwinJobStatus status() {
        return status;
    }

    /** Returns when the device's part of the job was created, if the hub said. */
    public Optional<Instant> createdTime() {
        return Optional.ofNullable(createdTime);
    }

    /** Returns when the device's part of the job started, if it has. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    /** Returns when the device's part of the job ended, if it has. */
    public Optional<Instant> endTime() {
        return Optional.ofNullable(endTime);
    }

    /** Returns when the row last changed, if the hub said. */
    public Optional<Instant> lastUpdatedTime() {
        return Optional.ofNullable(lastUpdatedTime);
    }

    /** Returns the error code of a device the job failed on, as the hub names it (e.g. {@code ArgumentInvalid}). */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Returns the hub's description of why the job failed on this device. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof DeviceJob other && deviceId.equals(other.deviceId)
                && jobId.equals(other.jobId) && type == other.type && status == other.status
                && Objects.equals(createdTime, other.createdTime) && Objects.equals(startTime, other.startTime)
                && Objects.equals(endTime, other.endTime) && Objects.equals(lastUpdatedTime, other.lastUpdatedTime)
                && Objects.equals(errorCode, other.errorCode) && Objects.equals(errorDescription, other.errorDescription);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, jobId, type, status, createdTime, startTime, endTime, lastUpdatedTime, errorCode,
                errorDescription);
    }

    @Override
    public String toString() {
        return "DeviceJob[" + deviceId.value() + ", " + jobId + ", " + type + ", " + status
                + (errorCode == null ? "" : ", " + errorCode + ": " + errorDescription) + "]";
    }
}
