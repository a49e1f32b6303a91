package io.twinkit.service.internal;

import com.google.gson.JsonParseException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.jobs.JobStatistics;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobType;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import com.microsoft.azure.sdk.iot.service.query.JobQueryResponse;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinCollection;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The service SDK's {@link ScheduledJobsClient} (schedule, get, cancel) and {@link QueryClient#queryJobs} (jobs by
 * type and status, rows of {@code devices.jobs}) behind twinkit JSON. Each job the SDK parsed into its
 * {@link ScheduledJob} is handed on as a JSON object in the REST API's shape ({@code jobId}, {@code type},
 * {@code status}, {@code queryCondition}, {@code createdTime}, {@code startTime}, {@code endTime},
 * {@code lastUpdatedTime}, {@code maxExecutionTimeInSeconds}, {@code failureReason}, {@code statusMessage},
 * {@code deviceJobStatistics}, {@code updateTwin}, {@code deviceId}, {@code parentJobId}, {@code error}), with the
 * SDK's millisecond timestamps. Thread-safe: the SDK clients hold no per-call state.
 */
public final class SdkJobs {

    private final RenewingSasCredential credential;
    private final ScheduledJobsClient jobs;
    private final QueryClient queries;

    /**
     * Creates the adapter.
     *
     * @param host the hub host, {@code :port} allowed
     * @param credential the renewing credential the SDK clients share
     * @param queries the query client of the twin adapter, which the job queries share
     */
    SdkJobs(String host, RenewingSasCredential credential, QueryClient queries) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.jobs = new ScheduledJobsClient(Objects.requireNonNull(host, "host"), credential.credential());
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * Sends {@code PUT /jobs/v2/{jobId}}: a job that applies {@code tags} and {@code desired} as merge patches to every
     * twin matching {@code condition}.
     *
     * @param jobId the job's id
     * @param condition the {@code WHERE} clause text that picks the twins
     * @param tags the merge patch of the tags (nulls delete)
     * @param desired the merge patch of the desired properties (nulls delete)
     * @param start when the job starts
     * @param maxExecutionSeconds how long the job may run
     * @return the job as the hub answered
     * @throws ServiceException if the hub answers with an error (409 when the id is taken)
     */
    public JsonObject scheduleTwinUpdate(String jobId, String condition, JsonObject tags, JsonObject desired,
            Instant start, long maxExecutionSeconds) {
        Twin update = new Twin();
        // the SDK's putAll rejects an empty map
        if (!tags.isEmpty()) {
            update.getTags().putAll(SdkJson.toCollection(tags));
        }
        if (!desired.isEmpty()) {
            update.getDesiredProperties().putAll(SdkJson.toCollection(desired));
        }
        String operation = "schedule twin update job '" + jobId + "'";
        return SdkErrors.call(credential, operation, () -> read(operation, jobs.scheduleUpdateTwin(jobId, condition,
                update, Date.from(start), maxExecutionSeconds)));
    }

    /**
     * Sends {@code GET /jobs/v2/{jobId}}.
     *
     * @param jobId the job's id
     * @return the job
     * @throws ServiceException if the hub answers with an error (404 for an unknown job)
     */
    public JsonObject get(String jobId) {
        String operation = "get job '" + jobId + "'";
        return SdkErrors.call(credential, operation, () -> read(operation, jobs.get(jobId)));
    }

    /**
     * Sends {@code POST /jobs/v2/{jobId}/cancel}.
     *
     * @param jobId the job's id
     * @return the job after the request
     * @throws ServiceException if the hub answers with an error (404 for an unknown job)
     */
    public JsonObject cancel(String jobId) {
        String operation = "cancel job '" + jobId + "'";
        return SdkErrors.call(credential, operation, () -> read(operation, jobs.cancel(jobId)));
    }

    /**
     * Lists jobs by type and status ({@code GET /jobs/v2/query?jobType=…&jobStatus=…}), paging lazily.
     *
     * @param type the type's wire name ({@code scheduleUpdateTwin}), or null for every type
     * @param status the status's wire name ({@code completed}), or null for every status
     * @param pageSize jobs per page
     * @param continuation a position the cursor handed out, or null for the beginning
     * @return the jobs, one JSON object each
     * @throws ServiceException if the hub answers with an error, also while paging
     * @throws IllegalArgumentException if a wire name is not one the SDK knows, or the continuation is malformed
     */
    public QueryCursor query(@Nullable String type, @Nullable String status, int pageSize,
            @Nullable String continuation) {
        ScheduledJobType jobType = type == null ? null : ScheduledJobType.valueOf(type);
        ScheduledJobStatus jobStatus = status == null ? null : ScheduledJobStatus.valueOf(status);
        String operation = "query jobs (type " + (type == null ? "any" : type) + ", status "
                + (status == null ? "any" : status) + ")";
        return QueryCursor.open(options -> pages(operation, queries.queryJobs(jobType, jobStatus, options)),
                credential, operation, pageSize, continuation);
    }

    /**
     * Runs a query over {@code devices.jobs} ({@code POST /devices/query}), paging lazily.
     *
     * @param sql the query text
     * @param pageSize rows per page
     * @param continuation a position the cursor handed out, or null for the beginning
     * @return the rows, one per device and job
     * @throws ServiceException if the hub answers with an error, also while paging
     * @throws IllegalArgumentException if the continuation is malformed
     */
    public QueryCursor queryDeviceJobs(String sql, int pageSize, @Nullable String continuation) {
        String operation = "query '" + sql + "'";
        return QueryCursor.open(options -> pages(operation, queries.queryJobs(sql, options)), credential, operation,
                pageSize, continuation);
    }

    private static QueryCursor.Pages pages(String operation, JobQueryResponse response) {
        return new QueryCursor.Pages() {
            @Override
            public boolean hasNext() {
                return response.hasNext();
            }

            @Override
            public JsonObject next(QueryPageOptions options) throws IotHubException, IOException {
                return toJson(response.next(options));
            }

            @Override
            public @Nullable String continuationToken() {
                return response.getContinuationToken();
            }
        };
    }

    /** Converts a job the SDK parsed, failing as the hub's fault when its answer was not a readable job. */
    private static JsonObject read(String operation, ScheduledJob job) {
        try {
            return toJson(job);
        } catch (IllegalArgumentException | JsonParseException e) {
            throw unreadable(operation, e);
        }
    }

    /**
     * Returns the exception for an answer the SDK could not read as a job (its parser throws unchecked exceptions
     * for a missing {@code jobId}, {@code type} or {@code status}, or a status it does not know).
     *
     * @param operation what was being done
     * @param error the SDK's parse failure
     * @return a 500 {@link IotHubErrorCode#SERVER_ERROR} exception
     */
    static ServiceException unreadable(String operation, RuntimeException error) {
        return new ServiceException(IotHubErrorCode.SERVER_ERROR, IotHubErrorCode.SERVER_ERROR.code(), 500,
                operation + " failed: the hub's answer is not a job the service SDK can read: " + error.getMessage(),
                error);
    }

    /** Returns the SDK's job in the REST API's JSON shape (see the class comment). */
    static JsonObject toJson(ScheduledJob job) {
        JsonObject.Builder json = JsonObject.builder();
        json.put("jobId", JsonString.of(job.getJobId()));
        if (job.getJobType() != null) {
            json.put("type", JsonString.of(job.getJobType().name()));
        }
        if (job.getJobStatus() != null) {
            json.put("status", JsonString.of(job.getJobStatus().name()));
        }
        putString(json, "queryCondition", job.getQueryCondition());
        putTime(json, "createdTime", job.getCreatedTime());
        putTime(json, "startTime", job.getStartTime());
        putTime(json, "endTime", job.getEndTime());
        putTime(json, "lastUpdatedTime", job.getLastUpdatedDateTime());
        if (job.getMaxExecutionTimeInSeconds() != null) {
            json.put("maxExecutionTimeInSeconds", JsonNumber.of(job.getMaxExecutionTimeInSeconds()));
        }
        putString(json, "failureReason", job.getFailureReason());
        putString(json, "statusMessage", job.getStatusMessage());
        JobStatistics statistics = job.getJobStatistics();
        if (statistics != null) {
            json.put("deviceJobStatistics", JsonObject.builder()
                    .put("deviceCount", JsonNumber.of(statistics.getDeviceCount()))
                    .put("failedCount", JsonNumber.of(statistics.getFailedCount()))
                    .put("succeededCount", JsonNumber.of(statistics.getSucceededCount()))
                    .put("runningCount", JsonNumber.of(statistics.getRunningCount()))
                    .put("pendingCount", JsonNumber.of(statistics.getPendingCount()))
                    .build());
        }
        Twin update = job.getUpdateTwin();
        if (update != null) {
            json.put("updateTwin", JsonObject.builder()
                    .put("tags", collection(update.getTags()))
                    .put("properties", JsonObject.of("desired", collection(update.getDesiredProperties())))
                    .build());
        }
        putString(json, "deviceId", job.getDeviceId());
        putString(json, "parentJobId", job.getParentJobId());
        if (job.getError() != null) {
            json.put("error", JsonValue.parse(job.getError()));
        }
        return json.build();
    }

    private static JsonObject collection(@Nullable TwinCollection collection) {
        if (collection == null) {
            return JsonObject.empty();
        }
        JsonObject json = JsonValue.parseObject(collection.toJsonObject().toString());
        return json.valueOrNull("$version") == null ? json : json.without("$version");
    }

    private static void putTime(JsonObject.Builder json, String key, @Nullable Date time) {
        if (time != null) {
            json.put(key, JsonString.of(TwinTime.format(time.toInstant())));
        }
    }

    private static void putString(JsonObject.Builder json, String key, @Nullable String value) {
        if (value != null) {
            json.put(key, JsonString.of(value));
        }
    }
}
