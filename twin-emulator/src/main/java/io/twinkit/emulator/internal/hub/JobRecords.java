package io.twinkit.emulator.internal.hub;

import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.HubStorageException;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.JobRequest;
import io.twinkit.emulator.JobStatus;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.query.Expression;
import io.twinkit.query.TwinQuery;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage records of a hub's jobs ({@code JOBS} namespace) and how jobs are rebuilt from them:
 * <ul>
 *   <li>{@code jobId}: the job and its progress, {@code {"jobId":..,"sequence":n,"queryCondition":..,"updateTwin":
 *       {..},"cloudToDeviceMethod":{..},"createdTime":..,"startTime":..,"maxExecutionTime":"PT1H","status":"running","runStartTime":..,
 *       "endTime":..,"failureReason":..,"statusMessage":..,"deviceCount":n,"processed":n,"succeeded":n,"failed":n,
 *       "batches":k}}} (the times, reasons and counts once they apply; {@code cloudToDeviceMethod} only for a
 *       method job, whose {@code updateTwin} is {@code {}});</li>
 *   <li>{@code jobId/t/k}: the {@code k}-th group of {@value JobLimits#TARGET_CHUNK} devices the job selected when it
 *       started, {@code {"devices":["d1",..]}}, written with the start;</li>
 *   <li>{@code jobId/b/k}: the {@code k}-th group of processed devices, {@code {"from":i,"to":j,"time":..,
 *       "failures":[{"index":i,"code":412001,"message":..}],"outcomes":[{"index":i,"status":200,"payload":..}]}},
 *       written in the same commit as those devices' twins and the job record ({@code outcomes}, the devices'
 *       answers, only for a method job).</li>
 * </ul>
 * Job ids hold no {@code /}, so the keys do not collide.
 */
final class JobRecords {

    private static final Logger LOG = LoggerFactory.getLogger(IotHub.class);

    private JobRecords() {
    }

    static String targetKey(String jobId, int chunk) {
        return jobId + "/t/" + chunk;
    }

    static String batchKey(String jobId, int batch) {
        return jobId + "/b/" + batch;
    }

    /** Returns the record of {@code run} as it is now. */
    static Mutation job(JobRun run) {
        JsonObject.Builder json = JsonObject.builder(18)
                .put("jobId", JsonString.of(run.id))
                .put("sequence", JsonNumber.of(run.sequence))
                .put("queryCondition", JsonString.of(run.queryCondition))
                .put("updateTwin", run.updateTwin);
        if (run.method != null) {
            json.put("cloudToDeviceMethod", run.method.toJson());
        }
        json.put("createdTime", JsonString.of(TwinTime.format(run.created)))
                .put("startTime", JsonString.of(TwinTime.format(run.start)))
                .put("maxExecutionTime", JsonString.of(run.maxExecution.toString()))
                .put("status", JsonString.of(run.status.wireName()));
        putTime(json, "runStartTime", run.runStart);
        putTime(json, "endTime", run.end);
        if (run.failureReason != null) {
            json.put("failureReason", JsonString.of(run.failureReason));
        }
        if (run.statusMessage != null) {
            json.put("statusMessage", JsonString.of(run.statusMessage));
        }
        json.put("deviceCount", JsonNumber.of(run.targets.length))
                .put("processed", JsonNumber.of(run.processed))
                .put("succeeded", JsonNumber.of(run.succeeded))
                .put("failed", JsonNumber.of(run.failed))
                .put("batches", JsonNumber.of(run.batches.size()));
        return Mutation.put(Namespace.JOBS, run.id, json.build());
    }

    /** Returns the records of the devices {@code run} selected. */
    static List<Mutation> targets(JobRun run) {
        List<Mutation> records = new ArrayList<>();
        for (int from = 0, chunk = 0; from < run.targets.length; from += JobLimits.TARGET_CHUNK, chunk++) {
            int to = Math.min(run.targets.length, from + JobLimits.TARGET_CHUNK);
            JsonArray.Builder ids = JsonArray.builder();
            for (int i = from; i < to; i++) {
                ids.add(JsonString.of(run.targets[i].deviceId().value()));
            }
            records.add(Mutation.put(Namespace.JOBS, targetKey(run.id, chunk), JsonObject.of("devices",
                    ids.build())));
        }
        return records;
    }

    /** Returns the record of the {@code index}-th batch of {@code run}. */
    static Mutation batch(JobRun run, int index, JobRun.Batch batch) {
        JsonArray.Builder failures = JsonArray.builder();
        new TreeMap<>(batch.failures()).forEach((target, failure) -> failures.add(JsonObject.of(
                "index", JsonNumber.of(target),
                "code", JsonNumber.of(failure.code().code()),
                "message", JsonString.of(failure.message()))));
        JsonObject.Builder record = JsonObject.builder(5)
                .put("from", JsonNumber.of(batch.from()))
                .put("to", JsonNumber.of(batch.to()))
                .put("time", JsonString.of(TwinTime.format(batch.time())))
                .put("failures", failures.build());
        if (!batch.outcomes().isEmpty()) {
            JsonArray.Builder outcomes = JsonArray.builder();
            new TreeMap<>(batch.outcomes()).forEach((target, outcome) -> outcomes.add(JsonObject.of(
                    "index", JsonNumber.of(target),
                    "status", JsonNumber.of(outcome.status()),
                    "payload", outcome.payload())));
            record.put("outcomes", outcomes.build());
        }
        return Mutation.put(Namespace.JOBS, batchKey(run.id, index), record.build());
    }

    /** Returns the deletions of every record of {@code run}. */
    static List<Mutation> delete(JobRun run) {
        List<Mutation> records = new ArrayList<>();
        records.add(Mutation.delete(Namespace.JOBS, run.id));
        int chunks = (run.targets.length + JobLimits.TARGET_CHUNK - 1) / JobLimits.TARGET_CHUNK;
        for (int chunk = 0; chunk < chunks; chunk++) {
            records.add(Mutation.delete(Namespace.JOBS, targetKey(run.id, chunk)));
        }
        for (int batch = 0; batch < run.batches.size(); batch++) {
            records.add(Mutation.delete(Namespace.JOBS, batchKey(run.id, batch)));
        }
        return records;
    }

    /**
     * Rebuilds the jobs of {@code records}, in the order they were scheduled. With {@link HubOptions#recoverStore()},
     * a job whose records are unreadable or incomplete (recovery dropped some) is left out and logged instead.
     *
     * @throws HubStorageException if a record cannot be read, unless recovering
     */
    static List<JobRun> load(Map<String, JsonObject> records, HubOptions options) {
        Map<String, Map<String, JsonObject>> byJob = new HashMap<>();
        records.forEach((key, value) -> {
            int slash = key.indexOf('/');
            String jobId = slash < 0 ? key : key.substring(0, slash);
            byJob.computeIfAbsent(jobId, id -> new HashMap<>()).put(key, value);
        });
        List<JobRun> runs = new ArrayList<>();
        byJob.forEach((jobId, own) -> {
            JsonObject job = own.get(jobId);
            String problem;
            if (job == null) {
                problem = "JOBS records of job '" + jobId + "' have no job record";
            } else {
                try {
                    runs.add(read(jobId, job, own, options));
                    return;
                } catch (TwinException | IllegalArgumentException | IllegalStateException | DateTimeException e) {
                    problem = "JOBS record '" + jobId + "' is unreadable: " + e.getMessage();
                }
            }
            if (!options.recoverStore()) {
                throw new HubStorageException(problem);
            }
            LOG.warn("recovering the hub store: job '{}' is left out ({})", jobId, problem);
        });
        runs.sort(Comparator.comparingLong(run -> run.sequence));
        return runs;
    }

    private static JobRun read(String jobId, JsonObject job, Map<String, JsonObject> own, HubOptions options) {
        String condition = string(job, "queryCondition");
        JsonObject updateTwin = object(job, "updateTwin");
        Expression parsed = condition.strip().equals(JobRequest.ALL_DEVICES) ? null
                : TwinQuery.unsafeConditionFromSql(condition).expression();
        CloudToDeviceMethod method = job.valueOrNull("cloudToDeviceMethod") == null ? null
                : CloudToDeviceMethod.fromJson(object(job, "cloudToDeviceMethod"));
        JobRun run = new JobRun(jobId, number(job, "sequence"), condition, parsed, updateTwin,
                TwinBodies.update(updateTwin, options), method == null ? HubJobs.ifMatch(updateTwin) : "*", method,
                time(job, "createdTime"), time(job, "startTime"),
                Duration.parse(string(job, "maxExecutionTime")));
        run.status = JobStatus.fromWireName(string(job, "status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + job.valueOrNull("status")));
        run.runStart = optionalTime(job, "runStartTime");
        run.end = optionalTime(job, "endTime");
        run.failureReason = optionalString(job, "failureReason");
        run.statusMessage = optionalString(job, "statusMessage");
        int deviceCount = (int) number(job, "deviceCount");
        if (deviceCount > 0) {
            TwinKey[] targets = new TwinKey[deviceCount];
            int filled = 0;
            for (int chunk = 0; filled < deviceCount; chunk++) {
                JsonObject record = own.get(targetKey(jobId, chunk));
                if (record == null) {
                    throw new IllegalStateException("target record " + targetKey(jobId, chunk) + " is missing");
                }
                for (JsonValue id : record.get("devices").orElseThrow().asArray()) {
                    targets[filled++] = TwinKey.device(id.asString());
                }
            }
            run.targets = targets;
        }
        int batches = (int) number(job, "batches");
        for (int index = 0; index < batches; index++) {
            JsonObject record = own.get(batchKey(jobId, index));
            if (record == null) {
                throw new IllegalStateException("batch record " + batchKey(jobId, index) + " is missing");
            }
            Map<Integer, JobRun.DeviceFailure> failures = new HashMap<>();
            for (JsonValue failure : record.get("failures").orElseThrow().asArray()) {
                JsonObject entry = failure.asObject();
                IotHubErrorCode code = IotHubErrorCode.fromCode((int) number(entry, "code"))
                        .orElse(IotHubErrorCode.SERVER_ERROR);
                failures.put((int) number(entry, "index"), new JobRun.DeviceFailure(code, string(entry, "message")));
            }
            Map<Integer, MethodResult> outcomes = new HashMap<>();
            if (record.valueOrNull("outcomes") instanceof JsonArray answers) {
                for (JsonValue answer : answers) {
                    JsonObject entry = answer.asObject();
                    JsonValue status = entry.valueOrNull("status");
                    if (!(status instanceof JsonNumber number) || !number.fitsInLong()
                            || number.longValue() != (int) number.longValue()) {
                        throw new IllegalArgumentException("an outcome's status must be an integer but is " + status);
                    }
                    JsonValue payload = entry.valueOrNull("payload");
                    outcomes.put((int) number(entry, "index"), new MethodResult((int) number.longValue(),
                            payload == null ? JsonNull.INSTANCE : payload));
                }
            }
            run.batches.add(new JobRun.Batch((int) number(record, "from"), (int) number(record, "to"),
                    time(record, "time"), failures, outcomes));
        }
        run.processed = (int) number(job, "processed");
        run.succeeded = (int) number(job, "succeeded");
        run.failed = (int) number(job, "failed");
        int covered = run.batches.isEmpty() ? 0 : run.batches.get(run.batches.size() - 1).to();
        if (covered != run.processed || run.processed > deviceCount
                || run.succeeded + run.failed != run.processed
                || run.batches.stream().anyMatch(batch -> !batch.outcomes().isEmpty() && run.method == null)) {
            throw new IllegalStateException("its progress (" + run.processed + " of " + deviceCount + " devices, "
                    + run.succeeded + " succeeded, " + run.failed + " failed) does not match its batch records");
        }
        return run;
    }

    private static void putTime(JsonObject.Builder json, String member, @Nullable Instant time) {
        if (time != null) {
            json.put(member, JsonString.of(TwinTime.format(time)));
        }
    }

    private static String string(JsonObject json, String member) {
        JsonValue value = json.valueOrNull(member);
        if (value instanceof JsonString text) {
            return text.value();
        }
        throw new IllegalArgumentException(member + " must be a string but is " + value);
    }

    private static @Nullable String optionalString(JsonObject json, String member) {
        return json.valueOrNull(member) == null ? null : string(json, member);
    }

    private static JsonObject object(JsonObject json, String member) {
        JsonValue value = json.valueOrNull(member);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new IllegalArgumentException(member + " must be an object but is " + value);
    }

    private static long number(JsonObject json, String member) {
        JsonValue value = json.valueOrNull(member);
        if (value instanceof JsonNumber number && number.fitsInLong() && number.longValue() >= 0) {
            return number.longValue();
        }
        throw new IllegalArgumentException(member + " must be a count but is " + value);
    }

    private static Instant time(JsonObject json, String member) {
        return TwinTime.parse(string(json, member));
    }

    private static @Nullable Instant optionalTime(JsonObject json, String member) {
        return json.valueOrNull(member) == null ? null : time(json, member);
    }
}
