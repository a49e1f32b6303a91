package io.twinkit.emulator.internal.hub;

import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinKey;
import io.twinkit.core.TwinSection;
import io.twinkit.core.TwinTime;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.JobAlreadyExistsException;
import io.twinkit.emulator.JobNotFoundException;
import io.twinkit.emulator.JobPage;
import io.twinkit.emulator.JobRequest;
import io.twinkit.emulator.JobService;
import io.twinkit.emulator.JobStatus;
import io.twinkit.emulator.JobType;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.internal.query.DeviceJobRecord;
import io.twinkit.emulator.internal.query.DeviceJobSource;
import io.twinkit.emulator.internal.store.HubStorage.Mutation;
import io.twinkit.emulator.internal.store.HubStorage.Namespace;
import io.twinkit.query.Query;
import io.twinkit.query.QueryOptions;
import io.twinkit.query.QuerySource;
import io.twinkit.query.eval.CompiledQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobService} of a hub over its {@link HubCore}, and the source of its {@code devices.jobs} records.
 *
 * <p>A method job ({@code scheduleDeviceMethod}) calls its method on up to {@link JobLimits#METHOD_BATCH} of its
 * devices at once through the hub's {@link HubMethods}, as a direct method call from the service API would; the
 * calls are started on the runner thread without this lock, and once every call of the group has ended the runner
 * commits the group's answers and failures (an offline device fails with 404103) with the job's progress, and the
 * job takes its next step.
 *
 * <p>One lock guards every job; one daemon thread runs them a step at a time, so concurrent jobs take turns. A step
 * starts a due job (selects its devices over the twins as they are, in one pass of the condition compiled once) or
 * processes up to {@link JobLimits#BATCH} of its devices: the step holds the hub's exclusive gate
 * ({@link HubCore#exclusive}), computes each device's update with the twin service's rules
 * ({@link HubTwins#updated}), and commits the group's twins with the job's progress in one storage batch
 * ({@link HubCore#publishTwinBatch}), which then publishes and notifies them. A job due when scheduled takes its
 * first step in {@link #schedule} itself. With a tier, steps are paced by a hub-wide bucket of job device operations,
 * in real time. Lock order: this lock, then the hub's gate, then entry locks; nothing the hub calls back takes this
 * lock.
 */
public final class HubJobs implements JobService, DeviceJobSource {

    private static final Logger LOG = LoggerFactory.getLogger(HubJobs.class);

    private final HubCore core;
    private final HubTwins twins;
    private final HubMethods methods;
    private final HubOptions options;
    private final Clock clock;
    private final int maxActive;
    private final int rate;
    private final Object lock = new Object();
    private final LinkedHashMap<String, JobRun> jobs = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor runner;
    private long nextSequence;
    private long keptDevices;
    private double tokens = -1;
    private long tokensAt;
    private boolean closed;

    /**
     * Loads the jobs of the hub's storage and lets them go on: a queued job waits for its start time, a running one
     * resumes with the devices it had not processed.
     */
    HubJobs(HubCore core, HubTwins twins, HubMethods methods) {
        this.core = core;
        this.twins = twins;
        this.methods = methods;
        this.options = core.options;
        this.clock = options.clock();
        this.maxActive = JobLimits.maxActiveJobs(options);
        this.rate = JobLimits.deviceOperationsPerSecond(options);
        for (JobRun run : JobRecords.load(core.loadRecords(Namespace.JOBS), options)) {
            jobs.put(run.id, run);
            keptDevices += run.keptDevices();
            nextSequence = Math.max(nextSequence, run.sequence + 1);
        }
        String name = "twinkit-jobs-" + options.hubName();
        this.runner = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        runner.setRemoveOnCancelPolicy(true);
        synchronized (lock) {
            for (JobRun run : jobs.values()) {
                if (!run.status.isFinished()) {
                    wake(run, Duration.ZERO);
                }
            }
        }
    }

    @Override
    public HubJob schedule(JobRequest request) {
        Objects.requireNonNull(request, "request");
        core.checkOpen();
        CloudToDeviceMethod method = request.cloudToDeviceMethod().orElse(null);
        JsonObject updateTwin = request.updateTwin();
        TwinBodies.Update update = TwinBodies.update(method == null ? updateTwin : JsonObject.empty(), options);
        String ifMatch = "*";
        if (method == null) {
            for (String misplaced : List.of("desired", "reported")) {
                if (updateTwin.contains(misplaced)) {
                    throw HubCore.argumentInvalid("updateTwin has '" + misplaced + "' at its root; a twin update"
                            + " puts it under properties, {\"properties\":{\"" + misplaced + "\":{..}}} (at"
                            + " 'updateTwin." + misplaced + "')");
                }
            }
            // a patch that breaks a rule whatever the twin (a $ key, too deep, too large alone) can never apply
            if (update.tags() != null) {
                TwinBodies.apply(core.validator, options, TwinSection.TAGS, PropertySet.empty(),
                        update.tags().against(PropertySet.empty()));
            }
            if (update.desired() != null) {
                TwinBodies.apply(core.validator, options, TwinSection.DESIRED, PropertySet.empty(),
                        update.desired().against(PropertySet.empty()));
            }
            ifMatch = ifMatch(updateTwin);
        }
        synchronized (lock) {
            checkOpen();
            Instant now = core.now();
            prune(now);
            JobRun existing = jobs.get(request.jobId());
            if (existing != null) {
                throw new JobAlreadyExistsException("a job with id '" + request.jobId() + "' exists (scheduled "
                        + existing.created + ", " + existing.status.wireName() + "); job ids are unique among the"
                        + " jobs the hub keeps [409104 JobAlreadyExists]");
            }
            long active = jobs.values().stream().filter(run -> !run.status.isFinished()).count();
            if (active >= maxActive) {
                throw new TwinException(IotHubErrorCode.THROTTLING_MAX_ACTIVE_JOB_COUNT_EXCEEDED, "the hub has "
                        + active + " queued or running jobs, as many as " + tierName() + " allows at once ("
                        + maxActive + "); wait for one to finish or cancel one [429004"
                        + " ThrottlingMaxActiveJobCountExceeded]");
            }
            JobRun run = new JobRun(request.jobId(), nextSequence, request.queryCondition(),
                    request.condition().orElse(null), updateTwin, update, ifMatch, method, now,
                    request.startTime().map(TwinTime::toTicks).orElse(now), request.maxExecutionTime());
            persist(List.of(JobRecords.job(run)));
            nextSequence++;
            jobs.put(run.id, run);
            HubJob scheduled = run.snapshot();
            step(run);
            return scheduled;
        }
    }

    @Override
    public HubJob get(String jobId) {
        synchronized (lock) {
            return find(jobId).snapshot();
        }
    }

    @Override
    public HubJob cancel(String jobId) {
        synchronized (lock) {
            JobRun run = find(jobId);
            if (run.status.isFinished()) {
                return run.snapshot();
            }
            JobStatus status = run.status;
            Instant now = core.now();
            run.status = JobStatus.CANCELLED;
            run.end = now;
            run.statusMessage = "cancelled " + (status == JobStatus.QUEUED ? "before it started"
                    : "after " + run.processed + " of " + run.targets.length + " devices");
            try {
                persist(List.of(JobRecords.job(run)));
            } catch (RuntimeException | Error e) {
                run.status = status;
                run.end = null;
                run.statusMessage = null;
                throw e;
            }
            stopTimer(run);
            lock.notifyAll();
            return run.snapshot();
        }
    }

    @Override
    public JobPage query(@Nullable JobType type, @Nullable JobStatus status, QueryOptions options) {
        Objects.requireNonNull(options, "options");
        int pageSize = options.pageSizeOr(this.options.defaultPageSize(), this.options.maxPageSize());
        long after = options.continuation().map(HubJobs::sequenceOf).orElse(-1L);
        synchronized (lock) {
            checkOpen();
            List<HubJob> page = new ArrayList<>();
            JobRun last = null;
            boolean more = false;
            for (JobRun run : jobs.values()) {
                if (run.sequence <= after || type != null && type != run.type()
                        || status != null && run.status != status) {
                    continue;
                }
                if (page.size() == pageSize) {
                    more = true;
                    break;
                }
                page.add(run.snapshot());
                last = run;
            }
            return new JobPage(page, more && last != null ? continuation(last.sequence) : null);
        }
    }

    @Override
    public List<HubJob> list() {
        synchronized (lock) {
            checkOpen();
            return jobs.values().stream().map(JobRun::snapshot).toList();
        }
    }

    @Override
    public HubJob awaitFinished(String jobId, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (lock) {
            JobRun run = find(jobId);
            while (!run.status.isFinished()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                checkOpen();
            }
            return run.snapshot();
        }
    }

    /** Returns the device job records of every job the hub keeps, jobs in the order they were scheduled. */
    @Override
    public List<DeviceJobRecord> deviceJobs() {
        synchronized (lock) {
            checkOpen();
            List<DeviceJobRecord> records = new ArrayList<>();
            for (JobRun run : jobs.values()) {
                if (run.runStart != null) {
                    run.addRecords(records);
                }
            }
            return records;
        }
    }

    /**
     * Stops running jobs and refuses further calls: a step in progress ends its group first, nothing is cut short in
     * storage, and jobs go on from there when the data directory is opened again. Closing twice does nothing.
     */
    void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (JobRun run : jobs.values()) {
                stopTimer(run);
            }
            lock.notifyAll();
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the jobs of hub {} did not stop within 30 s", options.hubName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the {@code If-Match} a job applies to each twin: its update's {@code etag}. */
    static String ifMatch(JsonObject updateTwin) {
        JsonValue etag = updateTwin.valueOrNull("etag");
        if (etag instanceof JsonString text && !text.value().isBlank()) {
            return text.value();
        }
        throw HubCore.argumentInvalid("updateTwin needs an etag, \"*\" to update every twin the job selects or a"
                + " twin etag to update only the twins that have it, but has " + etag + " (at 'updateTwin.etag')");
    }

    /** Takes the next step of {@code run} from a timer; a failure fails the job rather than the runner. */
    private void tick(JobRun run) {
        synchronized (lock) {
            run.timer = null;
            step(run);
        }
    }

    /** Takes the next step of {@code run} (with the lock held); a failure fails the job and is logged. */
    private void step(JobRun run) {
        if (closed || run.status.isFinished()) {
            return;
        }
        try {
            advance(run);
        } catch (RuntimeException | Error e) {
            fail(run, "the emulator failed to run the job: ", e);
        }
    }

    private void advance(JobRun run) {
        if (run.invoking) {
            // the group in flight wakes the job when its answers are recorded
            return;
        }
        Instant now = clock.instant();
        if (run.status == JobStatus.QUEUED) {
            if (now.isBefore(run.start)) {
                Duration wait = Duration.between(now, run.start);
                wake(run, wait.compareTo(JobLimits.MAX_SLEEP) < 0 ? wait : JobLimits.MAX_SLEEP);
                return;
            }
            begin(run);
            if (run.status.isFinished()) {
                return;
            }
        }
        if (now.isAfter(run.deadline())) {
            expire(run);
            return;
        }
        int allowance = allowance();
        if (allowance == 0) {
            wake(run, Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9)));
            return;
        }
        if (run.method != null) {
            int started = startCalls(run, Math.min(JobLimits.METHOD_BATCH, allowance));
            if (rate > 0) {
                tokens -= started;
            }
            return;
        }
        int processed = processBatch(run, Math.min(JobLimits.BATCH, allowance));
        if (rate > 0) {
            tokens -= processed;
        }
        if (!run.status.isFinished()) {
            // behind the steps of other jobs that are due already
            wake(run, Duration.ZERO);
        }
    }

    /**
     * Starts calling the method of {@code run} on its next {@code count} devices (with the lock held): the calls are
     * made on the runner without the lock, and their answers are recorded once every one has ended.
     *
     * @return how many devices the group covers
     */
    private int startCalls(JobRun run, int count) {
        CloudToDeviceMethod method = Objects.requireNonNull(run.method, "method");
        int from = run.processed;
        int to = Math.min(run.targets.length, from + count);
        TwinKey[] group = Arrays.copyOfRange(run.targets, from, to);
        run.invoking = true;
        try {
            runner.execute(() -> call(run, method, from, group));
        } catch (RejectedExecutionException shuttingDown) {
            // the hub is closing; the group is called again when its data directory is opened again
            run.invoking = false;
        }
        return group.length;
    }

    /** Calls the method on each device of a group, without the lock, and records the answers once all have ended. */
    private void call(JobRun run, CloudToDeviceMethod method, int from, TwinKey[] group) {
        List<CompletableFuture<MethodResult>> calls = new ArrayList<>(group.length);
        for (TwinKey key : group) {
            CompletableFuture<MethodResult> call;
            try {
                call = methods.invokeAsync(key, method);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            calls.add(call);
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            try {
                runner.execute(() -> record(run, from, calls));
            } catch (RejectedExecutionException shuttingDown) {
                // the hub is closing: the group's answers are not kept, and it is called again after a restart
                LOG.debug("the answers to job {} of devices {} to {} are dropped: the hub is closing", run.id, from,
                        from + calls.size());
            }
        });
    }

    /** Commits the answers of a group of a method job with the job's progress, and lets the job go on. */
    private void record(JobRun run, int from, List<CompletableFuture<MethodResult>> calls) {
        synchronized (lock) {
            run.invoking = false;
            if (closed) {
                return;
            }
            try {
                recordGroup(run, from, calls);
            } catch (RuntimeException | Error e) {
                fail(run, "the emulator failed to record the answers of the job's devices: ", e);
                return;
            }
            if (!run.status.isFinished()) {
                wake(run, Duration.ZERO);
            }
        }
    }

    private void recordGroup(JobRun run, int from, List<CompletableFuture<MethodResult>> calls) {
        Map<Integer, JobRun.DeviceFailure> failures = new HashMap<>();
        Map<Integer, MethodResult> outcomes = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            CompletableFuture<MethodResult> call = calls.get(i);
            try {
                outcomes.put(from + i, call.join());
            } catch (CompletionException | CancellationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.put(from + i, cause instanceof TwinException twin
                        ? new JobRun.DeviceFailure(twin.errorCode(), String.valueOf(twin.getMessage()))
                        : new JobRun.DeviceFailure(IotHubErrorCode.SERVER_ERROR, "the call failed in the hub: "
                        + cause));
            }
        }
        int to = from + calls.size();
        Instant time = core.now();
        JobStatus status = run.status;
        Instant end = run.end;
        int succeeded = run.succeeded;
        int failed = run.failed;
        run.processed = to;
        run.succeeded += outcomes.size();
        run.failed += failures.size();
        run.batches.add(new JobRun.Batch(from, to, time, failures, outcomes));
        if (!run.status.isFinished() && to == run.targets.length) {
            run.status = JobStatus.COMPLETED;
            run.end = time;
        }
        List<Mutation> records = new ArrayList<>(2);
        if (core.persistent()) {
            records.add(JobRecords.batch(run, run.batches.size() - 1, run.batches.get(run.batches.size() - 1)));
            records.add(JobRecords.job(run));
        }
        try {
            persist(records);
        } catch (RuntimeException | Error e) {
            run.batches.remove(run.batches.size() - 1);
            run.processed = from;
            run.succeeded = succeeded;
            run.failed = failed;
            run.status = status;
            run.end = end;
            throw e;
        }
        lock.notifyAll();
    }

    /** Starts {@code run}: selects its devices over the twins as they are now, in device id order. */
    private void begin(JobRun run) {
        CompiledQuery compiled = run.condition == null ? null : CompiledQuery.compile(Query.of(QuerySource.DEVICES,
                List.of(), run.condition, null, OptionalLong.empty()));
        List<TwinKey> selected = new ArrayList<>();
        for (HubEntry.Slot slot : core.readAll(key -> key.moduleId() == null)) {
            if (compiled == null || compiled.matches(slot.document())) {
                selected.add(slot.identity().key());
            }
        }
        Instant now = core.now();
        run.targets = selected.toArray(TwinKey[]::new);
        run.runStart = now;
        run.status = JobStatus.RUNNING;
        if (run.targets.length == 0) {
            run.status = JobStatus.COMPLETED;
            run.end = now;
        }
        List<Mutation> records = new ArrayList<>();
        if (core.persistent()) {
            records.addAll(JobRecords.targets(run));
            records.add(JobRecords.job(run));
        }
        try {
            persist(records);
        } catch (RuntimeException | Error e) {
            run.targets = new TwinKey[0];
            run.runStart = null;
            run.end = null;
            run.status = JobStatus.QUEUED;
            throw e;
        }
        keptDevices += run.targets.length;
        lock.notifyAll();
        pruneDevices();
    }

    /** Processes up to {@code count} devices of {@code run} in one commit; returns how many it processed. */
    private int processBatch(JobRun run, int count) {
        Instant deadline = run.deadline();
        return core.exclusive(() -> {
            int from = run.processed;
            int end = Math.min(run.targets.length, from + count);
            Map<TwinKey, HubEntry.Slot> changes = new LinkedHashMap<>(Math.max(16, (end - from) * 2));
            Map<TwinKey, JsonObject> notifications = new HashMap<>();
            Map<Integer, JobRun.DeviceFailure> failures = new HashMap<>();
            boolean expired = false;
            int to = from;
            for (; to < end; to++) {
                if (clock.instant().isAfter(deadline)) {
                    expired = true;
                    break;
                }
                TwinKey key = run.targets[to];
                HubEntry.Slot slot = core.slotOf(key);
                if (slot == null) {
                    failures.put(to, new JobRun.DeviceFailure(IotHubErrorCode.DEVICE_NOT_FOUND, "device '"
                            + key.deviceId() + "' was deleted after the job selected it [404001 DeviceNotFound]"));
                    continue;
                }
                try {
                    HubCore.Outcome outcome = twins.updated(slot, run.update, run.ifMatch);
                    changes.put(key, HubEntry.Slot.of(outcome.identity(), outcome.twin()));
                    if (outcome.notification() != null) {
                        notifications.put(key, outcome.notification());
                    }
                } catch (TwinException e) {
                    failures.put(to, new JobRun.DeviceFailure(e.errorCode(), String.valueOf(e.getMessage())));
                }
            }
            Instant time = core.now();
            JobStatus status = run.status;
            int processed = run.processed;
            int succeeded = run.succeeded;
            int failed = run.failed;
            run.processed = to;
            run.succeeded += changes.size();
            run.failed += failures.size();
            if (to > from) {
                run.batches.add(new JobRun.Batch(from, to, time, failures));
            }
            if (expired) {
                markExpired(run, time);
            } else if (to == run.targets.length) {
                run.status = JobStatus.COMPLETED;
                run.end = time;
            }
            List<Mutation> records = new ArrayList<>(2);
            if (core.persistent()) {
                if (to > from) {
                    records.add(JobRecords.batch(run, run.batches.size() - 1, run.batches.get(run.batches.size() - 1)));
                }
                records.add(JobRecords.job(run));
            }
            try {
                core.publishTwinBatch(changes, notifications, records);
            } catch (RuntimeException | Error e) {
                if (to > from) {
                    run.batches.remove(run.batches.size() - 1);
                }
                run.processed = processed;
                run.succeeded = succeeded;
                run.failed = failed;
                run.status = status;
                run.end = null;
                run.failureReason = null;
                run.statusMessage = null;
                throw e;
            }
            lock.notifyAll();
            return to - from;
        });
    }

    /** Fails {@code run}, found past its maximum execution time at the start of a step. */
    private void expire(JobRun run) {
        markExpired(run, core.now());
        persist(List.of(JobRecords.job(run)));
        lock.notifyAll();
    }

    private static void markExpired(JobRun run, Instant now) {
        run.status = JobStatus.FAILED;
        run.end = now;
        run.failureReason = "the job ran past its maximum execution time of " + seconds(run.maxExecution) + "; "
                + (run.targets.length - run.processed) + " of its " + run.targets.length + " devices were not"
                + " processed";
        run.statusMessage = run.failureReason;
    }

    private static String seconds(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() + " s" : duration.toString();
    }

    /** Returns how many job device operations the hub's tier allows now; unlimited without a tier. */
    private int allowance() {
        if (rate <= 0) {
            return Integer.MAX_VALUE;
        }
        long now = System.nanoTime();
        if (tokens < 0) {
            tokens = rate;
        } else {
            tokens = Math.min(rate, tokens + (now - tokensAt) * (double) rate / 1e9);
        }
        tokensAt = now;
        return (int) Math.floor(tokens);
    }

    /** Makes the runner take the next step of {@code run} after {@code delay}. */
    private void wake(JobRun run, Duration delay) {
        stopTimer(run);
        if (closed) {
            return;
        }
        try {
            run.timer = runner.schedule(() -> tick(run), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the hub is closing; the job goes on when its data directory is opened again
        }
    }

    private static void stopTimer(JobRun run) {
        if (run.timer != null) {
            run.timer.cancel(false);
            run.timer = null;
        }
    }

    /** Forgets finished jobs past the history, then the oldest finished ones beyond the hub's bounds. */
    private void prune(Instant now) {
        for (Iterator<JobRun> it = jobs.values().iterator(); it.hasNext(); ) {
            JobRun run = it.next();
            if (run.end != null && run.status.isFinished() && run.end.plus(JobLimits.HISTORY).isBefore(now)) {
                it.remove();
                forget(run);
            }
        }
        while (jobs.size() >= JobLimits.MAX_KEPT_JOBS && dropOldestFinished()) {
            // dropped one
        }
        pruneDevices();
    }

    private void pruneDevices() {
        while (keptDevices > JobLimits.MAX_KEPT_DEVICES && dropOldestFinished()) {
            // dropped one
        }
    }

    private boolean dropOldestFinished() {
        for (Iterator<JobRun> it = jobs.values().iterator(); it.hasNext(); ) {
            JobRun run = it.next();
            if (run.status.isFinished()) {
                it.remove();
                forget(run);
                return true;
            }
        }
        return false;
    }

    /** Deletes the records of a job no longer kept; a failure is logged, as the job is gone from the hub anyway. */
    private void forget(JobRun run) {
        keptDevices -= run.keptDevices();
        try {
            persist(JobRecords.delete(run));
        } catch (RuntimeException e) {
            LOG.warn("the records of forgotten job {} could not be deleted: {}", run.id, e.toString());
        }
    }

    /**
     * Marks {@code run} failed by an error of the emulator itself, persists that if it can and wakes its waiters; an
     * {@link Error} is thrown again. Called with the lock held.
     */
    private void fail(JobRun run, String reason, Throwable e) {
        LOG.error("job {} of hub {} failed", run.id, options.hubName(), e);
        run.status = JobStatus.FAILED;
        run.end = core.now();
        run.failureReason = reason + e;
        run.statusMessage = run.failureReason;
        try {
            persist(List.of(JobRecords.job(run)));
        } catch (RuntimeException | Error again) {
            e.addSuppressed(again);
        }
        lock.notifyAll();
        if (e instanceof Error error) {
            throw error;
        }
    }

    private void persist(List<Mutation> records) {
        if (core.persistent() && !records.isEmpty()) {
            core.commitRecords(records);
        }
    }

    private JobRun find(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        checkOpen();
        JobRun run = jobs.get(jobId);
        if (run == null) {
            throw new JobNotFoundException("the hub has no job '" + jobId + "': it was never scheduled or is no"
                    + " longer kept [404002 JobNotFound]");
        }
        return run;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the hub is closed");
        }
        core.checkOpen();
    }

    private String tierName() {
        return options.throttlingTier().map(tier -> "tier " + tier).orElse("a hub without a tier");
    }

    private static String continuation(long sequence) {
        return "jobs-" + Long.toString(sequence, 36);
    }

    private static long sequenceOf(String token) {
        Function<String, TwinException> invalid = reason -> HubCore.argumentInvalid("the continuation token '"
                + (token.length() > 40 ? token.substring(0, 40) + "…" : token) + "' is not one this hub issued ("
                + reason + "); list the jobs again from the first page");
        if (!token.startsWith("jobs-") || token.length() > 20) {
            throw invalid.apply("not a job listing token");
        }
        try {
            long sequence = Long.parseLong(token.substring(5), 36);
            if (sequence < 0) {
                throw invalid.apply("negative position");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw invalid.apply("no position");
        }
    }
}
