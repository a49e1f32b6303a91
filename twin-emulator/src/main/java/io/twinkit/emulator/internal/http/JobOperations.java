package io.twinkit.emulator.internal.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.JobPage;
import io.twinkit.emulator.JobRequest;
import io.twinkit.emulator.JobStatus;
import io.twinkit.emulator.JobType;
import io.twinkit.query.QueryOptions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Carries out {@link JobCall}s against a hub's {@link io.twinkit.emulator.JobService} and answers as the service
 * does: a job as the service's {@code JobResponse} JSON, a job listing as a bare JSON array with
 * {@code x-ms-item-type: jobResponse} and, while more pages remain, {@code x-ms-continuation}.
 *
 * <p>The body of {@code PUT /jobs/v2/{id}} is the service's job request: {@code jobId} (optional, the path's id),
 * {@code type}, {@code queryCondition}, for a {@code scheduleUpdateTwin} job {@code updateTwin} (a twin update body
 * with its {@code etag}), for a {@code scheduleDeviceMethod} job {@code cloudToDeviceMethod}
 * ({@link CloudToDeviceMethod#fromJson}), {@code startTime} (ISO-8601; absent or {@code null} for now) and
 * {@code maxExecutionTimeInSeconds} (absent, {@code null} or 0 for the default of an hour). An unknown type is
 * refused with 400000 GenericBadRequest, the service's answer to a job type it does not run.
 */
final class JobOperations {

    /** The item type of a job listing's items. */
    static final String JOB_RESPONSE = "jobResponse";

    /** Statuses and types the service knows but the emulator never gives a job: filters on them list nothing. */
    private static final Set<String> OTHER_SERVICE_STATUSES = Set.of("unknown", "enqueued", "scheduled");
    private static final Set<String> OTHER_SERVICE_TYPES = Set.of("unknown");

    private final IotHub hub;

    JobOperations(IotHub hub) {
        this.hub = hub;
    }

    FullHttpResponse execute(JobCall call, FullHttpRequest request) {
        return switch (call.operation()) {
            case SCHEDULE -> job(hub.jobs().schedule(parse(call.id(), ByteBufUtil.getBytes(request.content()))));
            case GET -> job(hub.jobs().get(call.id()));
            case CANCEL -> job(hub.jobs().cancel(call.id()));
            case QUERY -> list(request);
        };
    }

    private static FullHttpResponse job(HubJob job) {
        return ServiceResponses.json(HttpResponseStatus.OK, job.toJson().toJsonBytes());
    }

    private FullHttpResponse list(FullHttpRequest request) {
        Map<String, List<String>> parameters = new QueryStringDecoder(request.uri()).parameters();
        String typeName = parameter(parameters, "jobType");
        String statusName = parameter(parameters, "jobStatus");
        JobType type = null;
        JobStatus status = null;
        boolean none = false;
        if (typeName != null) {
            type = JobType.fromWireName(typeName).orElse(null);
            if (type == null && !OTHER_SERVICE_TYPES.contains(typeName)) {
                throw invalid("jobType '" + typeName + "' is not a job type; use scheduleUpdateTwin or"
                        + " scheduleDeviceMethod");
            }
            none = type == null;
        }
        if (statusName != null) {
            status = JobStatus.fromWireName(statusName).orElse(null);
            if (status == null && !OTHER_SERVICE_STATUSES.contains(statusName)) {
                throw invalid("jobStatus '" + statusName + "' is not a job status; use queued, running, completed,"
                        + " failed or cancelled");
            }
            none |= status == null;
        }
        QueryOptions options = QueryOptions.defaults();
        String pageSize = request.headers().get(ServiceOperations.MAX_ITEM_COUNT);
        if (pageSize == null) {
            pageSize = parameter(parameters, "pageSize");
        }
        if (pageSize != null) {
            options = options.withPageSize(pageSize(pageSize.trim()));
        }
        String continuation = request.headers().get(ServiceOperations.CONTINUATION);
        if (continuation == null || continuation.isBlank()) {
            continuation = parameter(parameters, "continuationToken");
        }
        if (continuation != null && !continuation.isBlank()) {
            options = options.withContinuation(continuation.trim());
        }
        JobPage page = hub.jobs().query(type, status, options);
        List<HubJob> jobs = none ? List.of() : page.jobs();
        JsonArray.Builder body = JsonArray.builder();
        jobs.forEach(job -> body.add(job.toJson()));
        FullHttpResponse response = ServiceResponses.json(HttpResponseStatus.OK, body.build().toJsonBytes());
        response.headers().set(ServiceOperations.ITEM_TYPE, JOB_RESPONSE);
        if (!none) {
            page.nextContinuation().ifPresent(token -> response.headers().set(ServiceOperations.CONTINUATION, token));
        }
        return response;
    }

    /**
     * Reads a job request body for the job {@code jobId} of the path.
     *
     * @throws TwinException 400 if it is not a job request the emulator runs
     */
    static JobRequest parse(String jobId, byte[] bytes) {
        JsonObject body = JsonValue.parseObject(bytes);
        JsonValue bodyId = body.valueOrNull("jobId");
        if (bodyId != null && !bodyId.isNull()
                && !(bodyId instanceof JsonString text && text.value().equals(jobId))) {
            throw invalid("the body's jobId " + bodyId + " is not the job id '" + jobId + "' of the path (at"
                    + " 'jobId')");
        }
        JsonValue typeValue = body.valueOrNull("type");
        if (!(typeValue instanceof JsonString typeText)) {
            throw invalid("a job request needs its type, \"scheduleUpdateTwin\" or \"scheduleDeviceMethod\", but has "
                    + typeValue + " (at 'type')");
        }
        JobType type = JobType.fromWireName(typeText.value()).orElseThrow(() -> new TwinException(
                IotHubErrorCode.GENERIC_BAD_REQUEST, "unknown job type '" + typeText.value() + "'; IoT Hub runs"
                + " scheduleUpdateTwin and scheduleDeviceMethod jobs (at 'type')"));
        JsonValue condition = body.valueOrNull("queryCondition");
        if (!(condition instanceof JsonString conditionText)) {
            throw invalid("a job request needs its queryCondition, the WHERE clause that selects its devices, as a"
                    + " string, but has " + condition + " (at 'queryCondition')");
        }
        JobRequest.Builder builder = type == JobType.SCHEDULE_DEVICE_METHOD
                ? JobRequest.deviceMethod(jobId, conditionText.value(), method(body.valueOrNull("cloudToDeviceMethod")))
                : JobRequest.updateTwin(jobId, conditionText.value()).twinPatch(updateTwin(body));
        builder.startTime(startTime(body.valueOrNull("startTime")));
        Duration maxExecution = maxExecutionTime(body.valueOrNull("maxExecutionTimeInSeconds"));
        if (maxExecution != null) {
            builder.maxExecutionTime(maxExecution);
        }
        return builder.build();
    }

    /** Reads the {@code cloudToDeviceMethod} of a method job. */
    private static CloudToDeviceMethod method(@Nullable JsonValue value) {
        if (!(value instanceof JsonObject call)) {
            throw invalid("a scheduleDeviceMethod job needs cloudToDeviceMethod, the call such as"
                    + " {\"methodName\":\"reboot\",\"payload\":{..},\"responseTimeoutInSeconds\":30}, but has "
                    + value + " (at 'cloudToDeviceMethod')");
        }
        try {
            return CloudToDeviceMethod.fromJson(call);
        } catch (TwinException e) {
            throw new TwinException(e.errorCode(), "cloudToDeviceMethod: " + e.getMessage(), e);
        }
    }

    /** Reads the {@code updateTwin} of a twin update job: what of it a job applies. */
    private static JsonObject updateTwin(JsonObject body) {
        JsonValue update = body.valueOrNull("updateTwin");
        if (!(update instanceof JsonObject updateTwin)) {
            throw invalid("a scheduleUpdateTwin job needs updateTwin, a twin update body such as {\"etag\":\"*\","
                    + "\"tags\":{..},\"properties\":{\"desired\":{..}}}, but has " + update + " (at 'updateTwin')");
        }
        JsonValue etag = updateTwin.valueOrNull("etag");
        if (!(etag instanceof JsonString)) {
            throw invalid("updateTwin needs an etag, \"*\" to update every twin the job selects or a twin etag, but"
                    + " has " + etag + " (at 'updateTwin.etag')");
        }
        return normalized(updateTwin);
    }

    /** Returns what of an update body a job applies: its etag, tags and desired properties, as given. */
    private static JsonObject normalized(JsonObject updateTwin) {
        for (String misplaced : List.of("desired", "reported")) {
            if (updateTwin.contains(misplaced)) {
                throw invalid("updateTwin has '" + misplaced + "' at its root; a twin update puts it under"
                        + " properties, {\"properties\":{\"" + misplaced + "\":{..}}} (at 'updateTwin." + misplaced
                        + "')");
            }
        }
        JsonObject.Builder out = JsonObject.builder(3).put("etag", updateTwin.get("etag").orElseThrow());
        updateTwin.get("tags").ifPresent(tags -> out.put("tags", tags));
        if (updateTwin.valueOrNull("properties") instanceof JsonObject properties) {
            properties.get("desired").ifPresent(desired -> out.put("properties", JsonObject.of("desired", desired)));
            JsonValue reported = properties.valueOrNull("reported");
            if (reported != null && !reported.isNull()
                    && !(reported instanceof JsonObject object && object.isEmpty())) {
                throw invalid("a job cannot write reported properties: updateTwin.properties.reported must be absent"
                        + " or {} (at 'updateTwin.properties.reported')");
            }
        } else if (updateTwin.valueOrNull("properties") != null && !updateTwin.valueOrNull("properties").isNull()) {
            throw invalid("updateTwin.properties must be an object (at 'updateTwin.properties')");
        }
        return out.build();
    }

    private static @Nullable Instant startTime(@Nullable JsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof JsonString text) {
            try {
                return TwinTime.parse(text.value());
            } catch (DateTimeException e) {
                throw invalid("startTime '" + text.value() + "' is not an ISO-8601 time such as"
                        + " 2024-05-01T08:30:00.000Z (at 'startTime')");
            }
        }
        throw invalid("startTime must be an ISO-8601 time string but is " + value.type() + " (at 'startTime')");
    }

    private static @Nullable Duration maxExecutionTime(@Nullable JsonValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value instanceof JsonNumber number && number.fitsInLong()) {
            long seconds = number.longValue();
            if (seconds == 0) {
                return null;
            }
            if (seconds > 0 && seconds <= Integer.MAX_VALUE) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw invalid("maxExecutionTimeInSeconds must be a whole number of seconds from 0 (the default of "
                + JobRequest.DEFAULT_MAX_EXECUTION_TIME.getSeconds() + ") to " + Integer.MAX_VALUE + ", but is "
                + value + " (at 'maxExecutionTimeInSeconds')");
    }

    private static @Nullable String parameter(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).trim();
    }

    private static int pageSize(String text) {
        try {
            return Math.max(1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw invalid("the " + ServiceOperations.MAX_ITEM_COUNT + " header (or pageSize) must be an integer page"
                    + " size but is '" + text + "'");
        }
    }

    private static TwinException invalid(String message) {
        return new TwinException(IotHubErrorCode.ARGUMENT_INVALID, message);
    }
}
