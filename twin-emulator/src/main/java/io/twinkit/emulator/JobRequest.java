package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.query.Condition;
import io.twinkit.query.Expression;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.TwinQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A job to schedule ({@link JobService#schedule}): the service's {@code scheduleUpdateTwin} job request, a twin
 * update, or its {@code scheduleDeviceMethod} job request, a direct method call.
 *
 * <pre>{@code
 * HubJob job = hub.jobs().schedule(JobRequest.updateTwin("rate-5", tag("site").eq("plant-43"))
 *         .desired(JsonObject.of("rate", JsonValue.of(5)))
 *         .startTime(Instant.now().plusSeconds(60))
 *         .maxExecutionTime(Duration.ofMinutes(10))
 *         .build());
 * HubJob reboot = hub.jobs().schedule(JobRequest.deviceMethod("reboot-43", tag("site").eq("plant-43"),
 *         CloudToDeviceMethod.of("reboot", JsonValue.of(5))).build());
 * }</pre>
 *
 * <p>The update is a twin update body, as {@link TwinService#update} takes it ({@code tags}, {@code
 * properties.desired}, a {@code null} section removing every key), with an {@code etag}: {@code "*"} (the default)
 * updates every selected twin, a twin etag only the twins that have it (the others fail as devices, 412001). A
 * method job calls its method on every selected device as {@link MethodService#invokeAsync(io.twinkit.core.TwinKey,
 * CloudToDeviceMethod)} does. Immutable and thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/rest/api/iothub/service/jobs/create-scheduled-job">Jobs - Create
 *     Scheduled Job</a>
 */
public final class JobRequest {

    /** The longest job id the service accepts. */
    public static final int MAX_JOB_ID_LENGTH = 64;

    private static final String RESERVED_JOB_ID = "query";

    /** The maximum execution time a request gets when it sets none, as the Node SDK sends by default. */
    public static final Duration DEFAULT_MAX_EXECUTION_TIME = Duration.ofHours(1);

    /** The longest maximum execution time accepted: the service's {@code int32} seconds. */
    public static final Duration MAX_EXECUTION_TIME_LIMIT = Duration.ofSeconds(Integer.MAX_VALUE);

    /** The condition text that selects every device, as the Azure CLI sends it. */
    public static final String ALL_DEVICES = "*";

    private final String jobId;
    private final String queryCondition;
    private final @Nullable Expression condition;
    private final JsonObject updateTwin;
    private final @Nullable CloudToDeviceMethod method;
    private final @Nullable Instant startTime;
    private final Duration maxExecutionTime;

    private JobRequest(Builder b) {
        this.jobId = b.jobId;
        this.queryCondition = b.queryCondition;
        this.condition = b.condition;
        this.method = b.method;
        JsonObject update = b.updateTwin;
        if (method == null && !update.contains("etag")) {
            update = update.with("etag", JsonString.of(b.etag));
        }
        this.updateTwin = update;
        this.startTime = b.startTime;
        this.maxExecutionTime = b.maxExecutionTime;
    }

    /**
     * Starts a request that updates the twins of the devices {@code queryCondition} selects: the {@code WHERE}
     * clause of a query over {@code devices} (written in IoT Hub SQL, such as {@code tags.site = 'plant-43'}), or
     * {@link #ALL_DEVICES}.
     *
     * @throws TwinException (400004) if {@code jobId} breaks the service's rules (at most 64 characters, US-ASCII
     *     letters, digits and {@code -}) or the condition is empty or not a condition of the query language
     */
    public static Builder updateTwin(String jobId, String queryCondition) {
        return new Builder(jobId, queryCondition, null);
    }

    /**
     * Starts a request that updates the twins of the devices {@code condition} selects, a condition built with the
     * query DSL ({@link TwinQuery}).
     *
     * @throws TwinException (400004) if {@code jobId} breaks the service's rules
     */
    public static Builder updateTwin(String jobId, Condition condition) {
        return new Builder(jobId, Objects.requireNonNull(condition, "condition").toString(), null);
    }

    /**
     * Starts a request that calls {@code method} on the devices {@code queryCondition} selects (written in IoT Hub
     * SQL, or {@link #ALL_DEVICES}); the builder takes no update.
     *
     * @throws TwinException (400004) if {@code jobId} breaks the service's rules or the condition is empty or not a
     *     condition of the query language
     */
    public static Builder deviceMethod(String jobId, String queryCondition, CloudToDeviceMethod method) {
        return new Builder(jobId, queryCondition, Objects.requireNonNull(method, "method"));
    }

    /**
     * Starts a request that calls {@code method} on the devices {@code condition} selects, a condition built with
     * the query DSL ({@link TwinQuery}); the builder takes no update.
     *
     * @throws TwinException (400004) if {@code jobId} breaks the service's rules
     */
    public static Builder deviceMethod(String jobId, Condition condition, CloudToDeviceMethod method) {
        return new Builder(jobId, Objects.requireNonNull(condition, "condition").toString(),
                Objects.requireNonNull(method, "method"));
    }

    /**
     * Checks a job id against the service's rules: 1 to 64 characters, each a US-ASCII letter or digit or
     * {@code -}; and not {@code query}, the name of the job listing's path ({@code GET /jobs/v2/query}), under which a
     * job could never be read back.
     *
     * @return {@code jobId}
     * @throws TwinException (400004) otherwise
     */
    public static String checkJobId(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.isEmpty() || jobId.length() > MAX_JOB_ID_LENGTH) {
            throw invalid("a job id has 1 to " + MAX_JOB_ID_LENGTH + " characters, but '" + shorten(jobId) + "' has "
                    + jobId.length());
        }
        for (int i = 0; i < jobId.length(); i++) {
            char c = jobId.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
            if (!allowed) {
                throw invalid("a job id may hold only US-ASCII letters, digits and '-', but '" + shorten(jobId)
                        + "' has " + describe(c) + " at index " + i);
            }
        }
        if (RESERVED_JOB_ID.equals(jobId)) {
            throw invalid("the job id '" + RESERVED_JOB_ID + "' names the job listing (GET /jobs/v2/query), so a job"
                    + " with it could not be read back; choose another id");
        }
        return jobId;
    }

    /** Returns the job id. */
    public String jobId() {
        return jobId;
    }

    /** Returns the condition as written, or {@link #ALL_DEVICES}. */
    public String queryCondition() {
        return queryCondition;
    }

    /** Returns the parsed condition; empty for {@link #ALL_DEVICES}. */
    public Optional<Expression> condition() {
        return Optional.ofNullable(condition);
    }

    /** Returns what the job does: {@link JobType#SCHEDULE_UPDATE_TWIN} or {@link JobType#SCHEDULE_DEVICE_METHOD}. */
    public JobType type() {
        return method == null ? JobType.SCHEDULE_UPDATE_TWIN : JobType.SCHEDULE_DEVICE_METHOD;
    }

    /**
     * Returns the update as a twin update body with its {@code etag}, e.g.
     * {@code {"tags":{"site":"43"},"properties":{"desired":{"rate":5}},"etag":"*"}}; {@code {}} for a method job.
     */
    public JsonObject updateTwin() {
        return updateTwin;
    }

    /** Returns the direct method a method job calls; empty for a twin update job. */
    public Optional<CloudToDeviceMethod> cloudToDeviceMethod() {
        return Optional.ofNullable(method);
    }

    /** Returns when the job starts; empty to start it when it is scheduled. */
    public Optional<Instant> startTime() {
        return Optional.ofNullable(startTime);
    }

    /** Returns how long the job may run once started before it fails. */
    public Duration maxExecutionTime() {
        return maxExecutionTime;
    }

    /** Returns the request as text, for logs. */
    @Override
    public String toString() {
        return "JobRequest[" + jobId + ", " + queryCondition + ", " + (method == null ? updateTwin : method) + "]";
    }

    private static TwinException invalid(String message) {
        return new TwinException(IotHubErrorCode.ARGUMENT_INVALID, message);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /**
     * Builds a {@link JobRequest}; not thread-safe. The update setters ({@link #tags}, {@link #desired},
     * {@link #twinPatch}, {@link #etag}) belong to twin update jobs and throw {@link IllegalStateException} on the
     * builder of a method job.
     */
    public static final class Builder {

        private final String jobId;
        private final String queryCondition;
        private final @Nullable Expression condition;
        private final @Nullable CloudToDeviceMethod method;
        private JsonObject updateTwin = JsonObject.empty();
        private String etag = "*";
        private @Nullable Instant startTime;
        private Duration maxExecutionTime = DEFAULT_MAX_EXECUTION_TIME;

        private Builder(String jobId, String queryCondition, @Nullable CloudToDeviceMethod method) {
            this.method = method;
            this.jobId = checkJobId(jobId);
            Objects.requireNonNull(queryCondition, "queryCondition");
            String trimmed = queryCondition.strip();
            if (trimmed.isEmpty()) {
                throw invalid("a job needs a queryCondition, the WHERE clause that selects its devices (such as"
                        + " tags.site = 'plant-43'), or '" + ALL_DEVICES + "' for every device");
            }
            if (trimmed.equals(ALL_DEVICES)) {
                this.condition = null;
            } else {
                try {
                    this.condition = TwinQuery.unsafeConditionFromSql(queryCondition).expression();
                } catch (InvalidQueryException e) {
                    throw invalid("the queryCondition '" + shorten(queryCondition) + "' is not a condition of the"
                            + " query language: " + e.getMessage());
                }
            }
            this.queryCondition = queryCondition;
        }

        /** Sets the tags to merge into each twin ({@code null} members remove tags). */
        public Builder tags(JsonObject tags) {
            updateJob();
            updateTwin = updateTwin.with("tags", Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /** Sets the desired properties to merge into each twin ({@code null} members remove properties). */
        public Builder desired(JsonObject desired) {
            updateJob();
            JsonObject properties = updateTwin.valueOrNull("properties") instanceof JsonObject existing ? existing
                    : JsonObject.empty();
            updateTwin = updateTwin.with("properties", properties.with("desired",
                    Objects.requireNonNull(desired, "desired")));
            return this;
        }

        /**
         * Sets the whole update, a twin update body as {@link TwinService#update} takes it, replacing what
         * {@link #tags} and {@link #desired} set; an {@code etag} member in it wins over {@link #etag}.
         */
        public Builder twinPatch(JsonObject body) {
            updateJob();
            updateTwin = Objects.requireNonNull(body, "body");
            return this;
        }

        /** Sets the etag each twin must have to be updated; {@code "*"} (the default) for any. */
        public Builder etag(String value) {
            updateJob();
            Objects.requireNonNull(value, "value");
            if (value.isBlank()) {
                throw invalid("a job's etag is \"*\" or a twin etag, not blank");
            }
            this.etag = value;
            return this;
        }

        /** Sets when the job starts; {@code null} (the default), or a past time, starts it when scheduled. */
        public Builder startTime(@Nullable Instant value) {
            this.startTime = value;
            return this;
        }

        /**
         * Sets how long the job may run once started; the default is {@link #DEFAULT_MAX_EXECUTION_TIME}.
         *
         * @throws TwinException (400004) if it is negative, zero or above {@link #MAX_EXECUTION_TIME_LIMIT}
         */
        public Builder maxExecutionTime(Duration value) {
            Objects.requireNonNull(value, "value");
            if (value.isNegative() || value.isZero() || value.compareTo(MAX_EXECUTION_TIME_LIMIT) > 0) {
                throw invalid("a job's maximum execution time is 1 to " + MAX_EXECUTION_TIME_LIMIT.getSeconds()
                        + " seconds, not " + value);
            }
            this.maxExecutionTime = value;
            return this;
        }

        /** Returns the request. */
        public JobRequest build() {
            return new JobRequest(this);
        }

        private void updateJob() {
            if (method != null) {
                throw new IllegalStateException("job '" + jobId + "' calls the direct method " + method.methodName()
                        + "; only a twin update job takes an update");
            }
        }
    }
}
