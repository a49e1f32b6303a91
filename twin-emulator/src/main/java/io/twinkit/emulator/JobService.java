package io.twinkit.emulator;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.query.QueryOptions;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled jobs of a hub ({@code /jobs/v2}): twin updates applied to, or a direct method called on, every device
 * a condition selects, at a scheduled time.
 *
 * <pre>{@code
 * HubJob job = hub.jobs().schedule(JobRequest.updateTwin("rate-5", "tags.site = 'plant-43'")
 *         .desired(JsonObject.of("rate", JsonValue.of(5)))
 *         .build());                                          // job.status(): QUEUED, as the service answers
 * job = hub.jobs().awaitFinished("rate-5", Duration.ofSeconds(10));
 * job.statistics().succeededCount();                          // the devices updated
 * }</pre>
 *
 * <p>A job's life:
 * <ul>
 *   <li>{@link #schedule} keeps the job {@link JobStatus#QUEUED} and answers it so, as the service answers its
 *       {@code PUT}. At its start time (at once when none or a past one was given) the job starts: it selects the
 *       devices its condition matches then, over the hub's device twins as {@link TwinService#get} sees them (not
 *       lagged by {@link HubOptions#queryLag()}; devices created later are not part of it), and becomes
 *       {@link JobStatus#RUNNING}. A job whose start time has come when it is scheduled starts, and processes its
 *       first devices (up to 1,000), before {@code schedule} returns, so a small job has already finished then.</li>
 *   <li>Each device gets the update as {@link TwinService#update} gives it, with every rule of the twin store:
 *       validation and limits, the twin's etag (the request's {@code etag}), version, {@code $metadata}, and the
 *       desired-property notification to the device. A device whose update is refused fails; the job goes on. The
 *       updates are committed to storage in groups, each group with the job's progress.</li>
 *   <li>A method job ({@link JobRequest#deviceMethod}) calls its method on up to 100 devices at once, each as
 *       {@link MethodService#invokeAsync(io.twinkit.core.TwinKey, CloudToDeviceMethod)} does, and commits their
 *       answers (or failures: 404103 for a device not online within the call's connect timeout, 504101 for no answer
 *       in time) with the job's progress once every call of the group has ended. A device that answered is
 *       completed, whatever status it answered with; no twin is written. A cancelled or expired method job starts no
 *       further group; the answers of the group in flight are still recorded.</li>
 *   <li>When every device is processed the job is {@link JobStatus#COMPLETED}, whatever failed. Past its maximum
 *       execution time (counted from its start) it is {@link JobStatus#FAILED}, and the devices not processed stay
 *       pending in its statistics. {@link #cancel} makes a queued or running job {@link JobStatus#CANCELLED}; its
 *       unprocessed devices stay pending.</li>
 *   <li>Each processed device has a device job record, {@code SELECT * FROM devices.jobs} through
 *       {@link QueryService} ({@code deviceId}, {@code jobId}, {@code jobType}, {@code status} {@code completed} or
 *       {@code failed}, its times, {@code outcome} ({@code {"deviceMethodResponse":{"status":..,"payload":..}}} for
 *       a device that answered a method job, {@code {"deviceMethodResponse":null}} otherwise), and for a failure
 *       {@code error} with the code and message).</li>
 * </ul>
 *
 * <p>Limits: at most as many jobs queued or running at once as the hub's tier allows (1 for S1, 5 for S2, 10 for
 * S3; 100 without a {@link HubOptions#throttlingTier()}), beyond which {@link #schedule} throws 429004
 * {@link IotHubErrorCode#THROTTLING_MAX_ACTIVE_JOB_COUNT_EXCEEDED}. With a tier, jobs update devices at the tier's
 * rate of job device operations (10 per second for S1, the higher of 10 and 1 per unit for S2, 50 per unit for S3).
 * The hub keeps the 1,000 newest jobs and the device records of 1,000,000 devices at most, and forgets a finished job
 * 30 days after it ended (as the service's job history does), oldest finished jobs first.
 *
 * <p>With a data directory, jobs survive a restart: a queued job stays queued, and a running job goes on with the
 * devices it had not processed (those it had are not updated again), within its maximum execution time counted from
 * its original start (a job whose records were damaged stops the start, or is left out with
 * {@link HubOptions#recoverStore()}). {@link IotHub#jobs()} hands out the job service of a hub. Thread-safe.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-jobs">Schedule jobs on multiple
 *     devices</a>
 */
public interface JobService {

    /**
     * Schedules a twin update job or a method job and returns it as scheduled ({@link JobStatus#QUEUED}).
     *
     * @throws JobAlreadyExistsException (409104) if the hub keeps a job with the request's id
     * @throws TwinException (400004) if the update is not a twin update body ({@code tags} or
     *     {@code properties.desired} not objects, {@code desired} or {@code reported} at its root) or breaks a twin
     *     rule whatever the twin (a key with {@code $}, too deep, too large)
     * @throws TwinException (429004) if the hub already has as many queued and running jobs as it allows
     * @throws IllegalStateException if the hub is closed
     */
    HubJob schedule(JobRequest request);

    /**
     * Returns the job with id {@code jobId} as it is now.
     *
     * @throws JobNotFoundException (404002) if the hub keeps no such job
     * @throws IllegalStateException if the hub is closed
     */
    HubJob get(String jobId);

    /**
     * Cancels a queued or running job and returns it: {@link JobStatus#CANCELLED}, devices it had processed stay
     * updated. A job that has ended is returned as it is.
     *
     * @throws JobNotFoundException (404002) if the hub keeps no such job
     * @throws IllegalStateException if the hub is closed
     */
    HubJob cancel(String jobId);

    /**
     * Returns the page {@code options} asks for of the jobs of {@code type} and {@code status} (either {@code null}
     * for any), oldest scheduled first. Pages are cut by position, so jobs scheduled between two page requests
     * appear on a later page and none is returned twice; a job may change status between pages.
     *
     * @param type the type of the jobs to list, or {@code null}
     * @param status the status of the jobs to list, or {@code null}
     * @param options the page size ({@link HubOptions#defaultPageSize()} when none, at most
     *     {@link HubOptions#maxPageSize()}) and the continuation token of an earlier page
     * @throws TwinException (400004) if the continuation token is not one this hub issued
     * @throws IllegalStateException if the hub is closed
     */
    JobPage query(@Nullable JobType type, @Nullable JobStatus status, QueryOptions options);

    /**
     * Returns every job the hub keeps, oldest scheduled first.
     *
     * @throws IllegalStateException if the hub is closed
     */
    List<HubJob> list();

    /**
     * Waits until the job has ended or {@code timeout} has passed, and returns it as it is then; check
     * {@link HubJob#isFinished()}.
     *
     * @throws JobNotFoundException (404002) if the hub keeps no such job
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws IllegalStateException if the hub is closed
     */
    HubJob awaitFinished(String jobId, Duration timeout) throws InterruptedException;
}
