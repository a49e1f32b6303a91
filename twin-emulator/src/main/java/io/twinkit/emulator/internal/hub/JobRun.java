package io.twinkit.emulator.internal.hub;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.DeviceJobStatistics;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.JobStatus;
import io.twinkit.emulator.JobType;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.internal.query.DeviceJobRecord;
import io.twinkit.query.Expression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One scheduled job at work: its definition (a twin update, or a direct method call when {@link #method} is set) and
 * its mutable progress. Every field that changes is guarded by the lock of the {@link HubJobs} that owns the job;
 * {@link #snapshot()} and the device records it hands out are immutable.
 */
final class JobRun {

    private static final TwinKey[] NO_TARGETS = new TwinKey[0];
    private static final JsonObject NO_OUTCOME = JsonObject.of("deviceMethodResponse", JsonNull.INSTANCE);

    final String id;
    final long sequence;
    final String queryCondition;
    final @Nullable Expression condition;
    final JsonObject updateTwin;
    final TwinBodies.Update update;
    final String ifMatch;
    /** The direct method a method job calls; {@code null} for a twin update job. */
    final @Nullable CloudToDeviceMethod method;
    final Instant created;
    final Instant start;
    final Duration maxExecution;

    JobStatus status = JobStatus.QUEUED;
    @Nullable Instant runStart;
    @Nullable Instant end;
    @Nullable String failureReason;
    @Nullable String statusMessage;
    /** The devices the job selected when it started, in device id order; empty before. */
    TwinKey[] targets = NO_TARGETS;
    /** How many of {@link #targets} were processed: the first ones. */
    int processed;
    int succeeded;
    int failed;
    /** The groups of processed devices, in order, each covering the targets from its {@code from} to its {@code to}. */
    final List<Batch> batches = new ArrayList<>();
    @Nullable ScheduledFuture<?> timer;
    /** Whether a group of a method job's calls is in flight; the job takes no step until it is recorded. */
    boolean invoking;

    JobRun(String id, long sequence, String queryCondition, @Nullable Expression condition, JsonObject updateTwin,
           TwinBodies.Update update, String ifMatch, @Nullable CloudToDeviceMethod method, Instant created,
           Instant start, Duration maxExecution) {
        this.id = id;
        this.sequence = sequence;
        this.queryCondition = queryCondition;
        this.condition = condition;
        this.updateTwin = updateTwin;
        this.update = update;
        this.ifMatch = ifMatch;
        this.method = method;
        this.created = created;
        this.start = start;
        this.maxExecution = maxExecution;
    }

    /**
     * A group of processed devices, committed at once.
     *
     * @param from the index of its first target
     * @param to the index after its last target
     * @param time when its updates (or the answers to its calls) were committed
     * @param failures the devices that failed, by target index
     * @param outcomes the answers of the devices a method job reached, by target index; empty for a twin update job
     */
    record Batch(int from, int to, Instant time, Map<Integer, DeviceFailure> failures,
                 Map<Integer, MethodResult> outcomes) {
        Batch {
            failures = Map.copyOf(failures);
            outcomes = Map.copyOf(outcomes);
        }

        /** A group of a twin update job. */
        Batch(int from, int to, Instant time, Map<Integer, DeviceFailure> failures) {
            this(from, to, time, failures, Map.of());
        }
    }

    /**
     * Why one device failed.
     *
     * @param code the hub's error code
     * @param message the hub's message
     */
    record DeviceFailure(IotHubErrorCode code, String message) {
        DeviceFailure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Returns when the job must end, once started. */
    Instant deadline() {
        Instant started = Objects.requireNonNull(runStart, "not started");
        return started.plus(maxExecution);
    }

    /** Returns how many devices the job keeps records of, for the hub's bound. */
    int keptDevices() {
        return targets.length;
    }

    /** Returns the job as it is now. */
    HubJob snapshot() {
        DeviceJobStatistics statistics = new DeviceJobStatistics(targets.length, succeeded, failed,
                targets.length - processed, 0);
        return new HubJob(id, type(), status, queryCondition, updateTwin, created, start, maxExecution, end,
                failureReason, statusMessage, statistics, method);
    }

    /** Returns what the job does. */
    JobType type() {
        return method == null ? JobType.SCHEDULE_UPDATE_TWIN : JobType.SCHEDULE_DEVICE_METHOD;
    }

    /** Adds the device job records of the processed devices to {@code out}, in target order. */
    void addRecords(List<DeviceJobRecord> out) {
        Instant created = Objects.requireNonNull(runStart, "a job with processed devices has started");
        for (Batch batch : batches) {
            for (int i = batch.from(); i < batch.to(); i++) {
                out.add(new Record(targets[i].deviceId(), id, type(), created, batch.time(), batch.failures().get(i),
                        batch.outcomes().get(i)));
            }
        }
    }

    /**
     * One device's record of a job, as {@code devices.jobs} shows it.
     *
     * @param deviceId the device
     * @param jobId the job
     * @param type what the job does
     * @param started when the job started, which created the device's part in it
     * @param updated when the device's update (or its answer) was committed
     * @param failure why it failed, or {@code null} when it succeeded
     * @param outcome the device's answer to a method job's call, or {@code null}
     */
    record Record(DeviceId deviceId, String jobId, JobType type, Instant started, Instant updated,
                  @Nullable DeviceFailure failure, @Nullable MethodResult outcome) implements DeviceJobRecord {

        @Override
        public JsonObject toJson() {
            String startedText = TwinTime.format(started);
            String updatedText = TwinTime.format(updated);
            JsonObject.Builder json = JsonObject.builder(10)
                    .put("deviceId", JsonString.of(deviceId.value()))
                    .put("jobId", JsonString.of(jobId))
                    .put("jobType", JsonString.of(type.wireName()))
                    .put("status", JsonString.of(failure == null ? JobStatus.COMPLETED.wireName()
                            : JobStatus.FAILED.wireName()))
                    .put("startTimeUtc", JsonString.of(startedText))
                    .put("endTimeUtc", JsonString.of(updatedText))
                    .put("createdDateTimeUtc", JsonString.of(startedText))
                    .put("lastUpdatedDateTimeUtc", JsonString.of(updatedText))
                    .put("outcome", outcome == null ? NO_OUTCOME
                            : JsonObject.of("deviceMethodResponse", outcome.toJson()));
            if (failure != null) {
                json.put("error", JsonObject.of("code", JsonString.of(failure.code().errorName()),
                        "description", JsonString.of(failure.message())));
            }
            return json.build();
        }
    }
}
