package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import io.twinkit.service.UpdateOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Typed twins: the back end and the device work with records for the tags, the desired and the reported properties,
 * and twinkit sends only the difference. The back end writes tags and desired properties with
 * {@link TwinPatch#tagsChange} / {@link TwinPatch#desiredChange} (a re-read and retry when the etag moved); the
 * device receives its settings through a typed desired listener and reports a record, of which only the changed
 * members go over the wire. Runs on an embedded emulator.
 */
public final class TypedTwins {

    /** The device. */
    public static final String DEVICE = HubSettings.DEFAULT_DEVICE_ID;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final TwinJson JSON = TwinJson.standard();

    /**
     * Where a device is.
     *
     * @param region the region
     * @param plant the plant
     */
    public record Location(String region, String plant) {
    }

    /**
     * The device's tags.
     *
     * @param location where it is
     */
    public record Tags(@Nullable Location location) {
    }

    /**
     * The device's settings, as the back end wants them (desired properties).
     *
     * @param telemetryInterval seconds between two telemetry messages, or null for the device's default
     * @param temperatureLimit the temperature that raises an alarm, or null for none
     */
    public record Settings(@Nullable Integer telemetryInterval, @Nullable Double temperatureLimit) {
    }

    /**
     * The device's state, as it reports it (reported properties).
     *
     * @param firmwareVersion the firmware it runs
     * @param telemetryInterval the interval it uses, in seconds
     * @param connectivity how it is connected
     */
    public record Reported(String firmwareVersion, int telemetryInterval, String connectivity) {
    }

    /**
     * What the scenario ended with.
     *
     * @param tags the twin's tags, read back typed
     * @param desired the twin's desired properties, read back typed
     * @param reported the twin's reported properties, read back typed
     * @param movePatch the tags patch that moved the device to another plant
     * @param secondReport the reported patch the device sent after the new settings
     * @param repeatSentNothing whether writing the same settings again sent nothing
     */
    public record Result(Tags tags, Settings desired, Reported reported, MergePatch movePatch,
            MergePatch secondReport, boolean repeatSentNothing) {
    }

    private TypedTwins() {
    }

    /**
     * Runs the scenario and exits 0 when each step saw what it expected.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(runAsProgram(System.out, System.err));
    }

    static int runAsProgram(PrintStream out, PrintStream err) {
        return Exit.guard("typed", err, () -> run(out));
    }

    /**
     * Runs the scenario on an embedded emulator.
     *
     * @param out where the steps are printed
     * @return what the twin ended with, and the patches that got it there
     * @throws ExampleFailure if a step does not see what it expects
     */
    public static Result run(PrintStream out) {
        Steps steps = new Steps(out);
        DeviceId id = DeviceId.of(DEVICE);
        TwinKey key = TwinKey.device(id);
        try (TwinkitEmulator emulator = EmbeddedEmulator.start(DEVICE)) {
            HubSettings settings = HubSettings.ofEmulator(emulator);
            steps.line("Typed twins on " + settings.description());
            BlockingQueue<Settings> received = new LinkedBlockingQueue<>();
            try (TwinServiceClient backEnd = settings.backEnd();
                 DeviceConnection device = settings.device(id)) {
                // a tags-only update bumps the desired $version too; the device reacts to changed settings only
                AtomicReference<@Nullable Settings> last = new AtomicReference<>();
                device.addDesiredListener(Settings.class, (wanted, update) -> {
                    if (!wanted.equals(last.getAndSet(wanted))) {
                        received.add(wanted);
                    }
                });
                device.open();
                Settings initial = next(received, steps);
                steps.step("Device connects; its desired properties map to " + initial);
                Reported state = new Reported("1.4.2", orDefault(initial.telemetryInterval()), "wifi");
                report(device, state, steps);

                Tags redmond = new Tags(new Location("US", "Redmond43"));
                steps.step("Back end tags it " + redmond);
                AtomicReference<MergePatch> sent = new AtomicReference<>(MergePatch.empty());
                TwinDocument twin = backEnd.update(key, current -> {
                    TwinPatch patch = TwinPatch.tagsChange(JSON.toValue(current.tags(), Tags.class), redmond);
                    sent.set(patch.tags());
                    return patch;
                }, UpdateOptions.defaults());
                steps.detail("sent " + sent.get());

                Tags moved = new Tags(new Location("US", "Redmond44"));
                MergePatch move = TwinPatch.tagsChange(JSON.toValue(twin.tags(), Tags.class), moved).tags();
                steps.step("Back end moves it to " + moved.location().plant() + ": only the change is sent");
                twin = backEnd.update(key, TwinPatch.ofTags(move),
                        UpdateOptions.defaults().ifMatch(twin.etag().orElseThrow()));
                steps.detail("sent " + move);

                Settings wanted = new Settings(30, 75.5);
                steps.step("Back end asks for " + wanted);
                TwinPatch desired = TwinPatch.desiredChange(
                        JSON.toValue(twin.desired().properties(), Settings.class), wanted);
                backEnd.update(key, desired);
                steps.detail("sent " + desired.desired());

                Settings got = next(received, steps);
                steps.step("Device's typed listener receives " + got + " and reports what changed");
                steps.check(got.equals(wanted), "the device received " + got + ", not " + wanted);
                state = new Reported(state.firmwareVersion(), orDefault(got.telemetryInterval()),
                        state.connectivity());
                MergePatch second = report(device, state, steps);

                steps.step("Back end asks for the same settings again");
                TwinDocument before = backEnd.getTwin(key);
                TwinPatch repeat = TwinPatch.desiredChange(
                        JSON.toValue(before.desired().properties(), Settings.class), wanted);
                TwinDocument after = backEnd.update(key, repeat);
                boolean sentNothing = repeat.isEmpty() && after.desired().version().equals(before.desired().version());
                steps.detail(sentNothing ? "nothing to send: desired $version stays " + after.desired().version()
                        .orElse(0) : "sent " + repeat.desired());
                steps.check(sentNothing, "an unchanged value sent " + repeat.desired());

                steps.step("Back end reads the twin back as records");
                TwinDocument end = backEnd.awaitReported(key, r -> r.getLong("telemetryInterval").orElse(0) == 30,
                        TIMEOUT);
                Result result = new Result(JSON.toValue(end.tags(), Tags.class),
                        JSON.toValue(end.desired().properties(), Settings.class),
                        JSON.toValue(end.reported().properties(), Reported.class), move, second, sentNothing);
                steps.detail("tags:     " + result.tags());
                steps.detail("desired:  " + result.desired());
                steps.detail("reported: " + result.reported());
                steps.check(result.tags().equals(moved) && result.desired().equals(wanted)
                        && result.reported().equals(state), "the twin holds " + result);
                steps.line("Done: tags, desired and reported properties match the records.");
                return result;
            }
        }
    }

    /** Reports the state as a record and prints the minimal patch that goes over the wire. */
    private static MergePatch report(DeviceConnection device, Reported state, Steps steps) {
        MergePatch patch = MergePatch.compute(device.reported().properties(), JSON.toPropertySet(state));
        long version = device.report(state);
        steps.detail("device reports " + state);
        steps.detail("sent " + patch + ", reported $version " + version);
        return patch;
    }

    private static Settings next(BlockingQueue<Settings> received, Steps steps) throws ExampleFailure {
        try {
            Settings settings = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            steps.check(settings != null, "the device's listener received nothing within " + TIMEOUT.toSeconds()
                    + " s");
            return settings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExampleFailure("interrupted while waiting for the device's listener");
        }
    }

    private static int orDefault(@Nullable Integer interval) {
        return interval == null ? 60 : interval;
    }
}
