package io.twinkit.benchmarks;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.HubJob;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.JobRequest;
import io.twinkit.emulator.JobStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A scheduled twin update job over a whole fleet in the in-process emulator: an in-memory {@link IotHub} with
 * {@code twins} {@link FleetTwins#twin fleet twins}, and one {@code scheduleUpdateTwin} job per operation whose
 * condition ({@code IS_DEFINED(tags.location.region)}) selects every twin and whose update sets a tag and a desired
 * property of each, with every rule of a twin update (validation, etag, versions, {@code $metadata}, the change
 * published to queries). The time is from scheduling to the job's completion; twins per second are
 * {@code twins} / that time:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EmulatorJobBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EmulatorJobBenchmark {

    /** The condition of every job: true for every fleet twin. */
    static final String EVERY_TWIN = "IS_DEFINED(tags.location.region)";

    /** How many twins the hub holds, all of which each job updates. */
    @Param({"100000"})
    public int twins;

    // created by setUp, before any benchmark runs
    private IotHub hub;
    private int round;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public EmulatorJobBenchmark() {
    }

    /** Imports the fleet into a new hub. */
    @Setup
    public void setUp() {
        hub = IotHub.create();
        for (int i = 0; i < twins; i++) {
            hub.twins().importTwin(TwinDocument.fromJson(FleetTwins.twin(i)));
        }
    }

    /** Closes the hub. */
    @TearDown
    public void tearDown() {
        hub.close();
    }

    /** Returns the hub, for tests. */
    IotHub hub() {
        return hub;
    }

    /**
     * Schedules a job that updates every twin, due at once, and waits for it to complete.
     *
     * @return the twins the job updated
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the job did not complete with every twin updated
     */
    @Benchmark
    public int twinUpdateJob() throws InterruptedException {
        int n = round++;
        String jobId = "bench-" + n;
        hub.jobs().schedule(JobRequest.updateTwin(jobId, EVERY_TWIN)
                .tags(JsonObject.of("rollout", JsonString.of("wave-" + n)))
                .desired(JsonObject.of("telemetry", JsonObject.of("interval", JsonNumber.of(30 + n % 300))))
                .build());
        HubJob done = hub.jobs().awaitFinished(jobId, Duration.ofMinutes(10));
        if (done.status() != JobStatus.COMPLETED || done.statistics().succeededCount() != twins) {
            throw new IllegalStateException("job " + jobId + " ended " + done.status() + " with "
                    + done.statistics());
        }
        return done.statistics().succeededCount();
    }
}
