package io.twinkit.service;

import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.query.Condition;
import io.twinkit.query.Query;
import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QuerySource;
import io.twinkit.service.internal.QueryCursor;
import io.twinkit.service.internal.SdkJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Schedules and follows IoT Hub jobs for a {@link TwinServiceClient} ({@link TwinServiceClient#jobs()}): twin updates
 * over every twin a condition selects, jobs by type and status, and each device's part of a job.
 *
 * <pre>{@code
 * TwinJob job = backEnd.jobs().scheduleTwinUpdate(tag("location.plant").eq("Redmond43"),
 *         TwinPatch.desiredChange(Map.of(), new Firmware("2.0.0")), TwinJobOptions.defaults());
 * TwinJob done = job.await(Duration.ofMinutes(5), progress -> log(progress.statistics()));
 * }</pre>
 *
 * <p><b>Retries.</b> Reading a job and cancelling one are retried on throttling (429) and transient errors (500, 502,
 * 503, 504, a hub that cannot be reached), as the client's builder configures
 * ({@link TwinServiceClientBuilder#transientRetry(RetryOptions)}): repeating them changes nothing. Scheduling is a
 * {@code PUT} of a new job, never repeated blindly: after a transient error, or a 409 (the id is taken), the client
 * reads the job of that id back. If the hub has a twin-update job of the same id, condition and patch, that job is
 * the answer (the first attempt got through, or an earlier call made it: scheduling with a fixed id is idempotent);
 * if it has another job of that id, the error stands; if it has none after a transient error, the {@code PUT} is sent
 * again. The start time is not compared. Queries are not retried: a stream fails where its page failed, and a
 * {@link QueryPage}'s continuation resumes it.
 *
 * <p>Immutable and thread-safe; it lives as long as its client and is closed with it.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-jobs">Schedule jobs on multiple
 *     devices</a>
 */
public final class TwinJobClient {

    private static final int CHARACTERISTICS = Spliterator.ORDERED | Spliterator.NONNULL;

    private final SdkJobs sdk;
    private final TwinServiceClient owner;
    private final RetryOptions retry;

    TwinJobClient(SdkJobs sdk, TwinServiceClient owner, RetryOptions retry) {
        this.sdk = sdk;
        this.owner = owner;
        this.retry = retry;
    }

    /**
     * Schedules a job that applies {@code patch} (tags and desired properties, as merge patches) to every device twin
     * {@code condition} selects, once it starts. The condition is sent as the {@code WHERE} clause text the DSL
     * renders ({@code tags.location.plant = 'Redmond43'}); the hub picks the twins when the job runs.
     *
     * @param condition which twins to update
     * @param patch the change, not empty
     * @param options the job's id, start time and time limit
     * @return the job as the hub accepted it (usually queued or scheduled)
     * @throws IllegalArgumentException if the patch is empty
     * @throws ServiceException if the hub refuses the job (409 {@code JobAlreadyExists} for an id taken by another
     *     job, 429 when it runs as many jobs as it may, 400 for a condition or patch it rejects)
     * @throws IllegalStateException if the client is closed
     */
    public TwinJob scheduleTwinUpdate(Condition condition, TwinPatch patch, TwinJobOptions options) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        if (patch.isEmpty()) {
            throw new IllegalArgumentException("a twin update job needs a patch that changes tags or desired "
                    + "properties; the patch for '" + condition + "' is empty");
        }
        String jobId = options.jobId().orElseGet(() -> UUID.randomUUID().toString());
        Instant start = options.startTime().orElseGet(Instant::now);
        String where = condition.toString();
        long seconds = options.maxExecutionTime().getSeconds();
        for (int attempt = 1;; attempt++) {
            try {
                return TwinJob.fromJson(this, sdk.scheduleTwinUpdate(jobId, where, patch.tags().toJson(),
                        patch.desired().toJson(), start, seconds));
            } catch (ServiceException e) {
                boolean taken = e.httpStatus() == 409;
                if (!taken && !Retries.isTransient(e)) {
                    throw e;
                }
                Optional<TwinJob> existing = find(jobId);
                if (existing.isPresent()) {
                    if (existing.get().updates(where, patch)) {
                        return existing.get();
                    }
                    throw e;
                }
                if (taken || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                Waits.sleep(retry.delayAfter(attempt));
            }
        }
    }

    /**
     * Reads a job.
     *
     * @param jobId the job's id
     * @return the job
     * @throws TwinNotFoundException if the hub has no such job ({@code JobNotFound}); the hub forgets finished jobs
     *     after a while
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public TwinJob get(String jobId) {
        ResourceIds.check("job id", jobId);
        owner.checkOpen();
        return TwinJob.fromJson(this, Retries.idempotent(() -> sdk.get(jobId), retry));
    }

    /**
     * Cancels a job, as {@link TwinJob#cancel()} does.
     *
     * @param jobId the job's id
     * @return the job after the request
     * @throws TwinNotFoundException if the hub has no such job
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public TwinJob cancel(String jobId) {
        ResourceIds.check("job id", jobId);
        owner.checkOpen();
        return TwinJob.fromJson(this, Retries.idempotent(() -> sdk.cancel(jobId), retry));
    }

    /**
     * Lists the jobs the filter lets through, in pages of {@value QueryOptions#DEFAULT_PAGE_SIZE}.
     *
     * @param filter the type and status the jobs must have
     * @return the jobs, fetched lazily; the first request is sent by the terminal operation
     * @throws IllegalStateException if the client is closed
     */
    public Stream<TwinJob> query(TwinJobFilter filter) {
        return query(filter, QueryOptions.defaults());
    }

    /**
     * Lists the jobs the filter lets through, with the given page size and start.
     *
     * @param filter the type and status the jobs must have
     * @param options the page size and start
     * @return the jobs, fetched lazily; errors are {@link ServiceException}s thrown while consuming
     * @throws IllegalStateException if the client is closed
     */
    public Stream<TwinJob> query(TwinJobFilter filter, QueryOptions options) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        return stream(() -> jobs(filter, options), json -> TwinJob.fromJson(this, json));
    }

    /**
     * Reads one page of the jobs the filter lets through, and the continuation to the next.
     *
     * @param filter the type and status the jobs must have
     * @param options the page size and start
     * @return at most {@code options.pageSize()} jobs
     * @throws IllegalArgumentException if the continuation is malformed
     * @throws ServiceException if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<TwinJob> queryPage(TwinJobFilter filter, QueryOptions options) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        return page(jobs(filter, options), options, QueryItemType.JOB_RESPONSE).map(json -> TwinJob.fromJson(this, json));
    }

    /**
     * Runs a query over {@code devices.jobs} (each device's part of each job) in pages of
     * {@value QueryOptions#DEFAULT_PAGE_SIZE}.
     *
     * @param query a {@code SELECT * FROM devices.jobs …} query
     * @return the rows, fetched lazily
     * @throws IllegalArgumentException if the query is not over {@code devices.jobs}
     * @throws IllegalStateException if the client is closed
     */
    public Stream<DeviceJob> deviceJobs(Query query) {
        return deviceJobs(query, QueryOptions.defaults());
    }

    /**
     * Runs a query over {@code devices.jobs} with the given page size and start.
     *
     * @param query a {@code SELECT * FROM devices.jobs …} query
     * @param options the page size and start
     * @return the rows, fetched lazily; errors are {@link ServiceException}s thrown while consuming
     * @throws IllegalArgumentException if the query is not over {@code devices.jobs}
     * @throws IllegalStateException if the client is closed
     */
    public Stream<DeviceJob> deviceJobs(Query query, QueryOptions options) {
        String sql = deviceJobSql(query);
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        return stream(() -> sdk.queryDeviceJobs(sql, pageSize(options), options.continuation().orElse(null)),
                DeviceJob::fromJson);
    }

    /**
     * Reads one page of a query over {@code devices.jobs}, and the continuation to the next.
     *
     * @param query a {@code SELECT * FROM devices.jobs …} query
     * @param options the page size and start
     * @return at most {@code options.pageSize()} rows
     * @throws IllegalArgumentException if the query is not over {@code devices.jobs}, or the continuation is
     *     malformed
     * @throws ServiceException if the hub answers with an error
     * @throws IllegalStateException if the client is closed
     */
    public QueryPage<DeviceJob> deviceJobPage(Query query, QueryOptions options) {
        String sql = deviceJobSql(query);
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        return page(sdk.queryDeviceJobs(sql, pageSize(options), options.continuation().orElse(null)), options,
                QueryItemType.DEVICE_JOB).map(DeviceJob::fromJson);
    }

    @Override
    public String toString() {
        return "TwinJobClient[" + owner.hostName() + "]";
    }

    /** Reads the job of {@code jobId}, or empty when the hub has none; retried on transient errors. */
    private Optional<TwinJob> find(String jobId) {
        try {
            return Optional.of(TwinJob.fromJson(this, Retries.idempotent(() -> sdk.get(jobId), retry)));
        } catch (TwinNotFoundException none) {
            return Optional.empty();
        }
    }

    private QueryCursor jobs(TwinJobFilter filter, QueryOptions options) {
        return sdk.query(filter.type().map(TwinJobType::wireName).orElse(null),
                filter.status().map(TwinJobStatus::wireName).orElse(null), pageSize(options),
                options.continuation().orElse(null));
    }

    private static <T> Stream<T> stream(Supplier<QueryCursor> open, Function<JsonObject, T> read) {
        return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(map(open.get(), read),
                CHARACTERISTICS), CHARACTERISTICS, false);
    }

    private static <T> Iterator<T> map(QueryCursor cursor, Function<JsonObject, T> read) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public T next() {
                return read.apply(cursor.next());
            }
        };
    }

    private static QueryPage<JsonObject> page(QueryCursor cursor, QueryOptions options, QueryItemType itemType) {
        int pageSize = pageSize(options);
        List<JsonObject> rows = new ArrayList<>(Math.min(pageSize, 128));
        while (rows.size() < pageSize && cursor.hasNext()) {
            rows.add(cursor.next());
        }
        return QueryPage.of(rows, itemType, cursor.continuation());
    }

    private static int pageSize(QueryOptions options) {
        return options.pageSizeOr(QueryOptions.DEFAULT_PAGE_SIZE, QueryOptions.MAX_PAGE_SIZE);
    }

    private static String deviceJobSql(Query query) {
        Objects.requireNonNull(query, "query");
        if (query.source() != QuerySource.JOBS) {
            throw new IllegalArgumentException("query '" + query.toSql() + "' is not over devices.jobs; use "
                    + "selectAll().fromJobs() for device jobs, or queries() for twins");
        }
        return query.toSql();
    }
}
