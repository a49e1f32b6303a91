package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.pnp.WritablePropertyAck;
import io.twinkit.core.pnp.WritablePropertyState;
import io.twinkit.core.pnp.WritablePropertyStatus;
import io.twinkit.device.DesiredUpdate;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A firmware update through the twin, with IoT Plug and Play acknowledgements: the back end sets the desired
 * {@code firmware} to {@code {"version":"2.0.0"}}; the device acknowledges it as in progress ({@code "ac":202}),
 * "downloads" in steps and reports its progress, then reports the new {@code firmwareVersion} and acknowledges with
 * {@code "ac":200}; the back end waits for that convergence and draws the progress it reads from the twin. Runs on an
 * embedded emulator.
 */
public final class FirmwareUpdate {

    /** The device being updated. */
    public static final String DEVICE = HubSettings.DEFAULT_DEVICE_ID;
    /** The writable property that asks for a firmware version. */
    public static final String PROPERTY = "firmware";
    /** The firmware the device runs at first. */
    public static final String CURRENT_VERSION = "1.0.0";
    /** The firmware the back end asks for. */
    public static final String TARGET_VERSION = "2.0.0";
    /** The progress the device reports while it downloads, in percent. */
    public static final List<Integer> PROGRESS_STEPS = List.of(25, 50, 75, 100);

    private static final Duration STEP_TIME = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BAR_WIDTH = 20;

    /** The desired firmware, as the back end writes it and the device reads it. */
    public record Firmware(String version) {
    }

    /** The desired properties the device reads. */
    public record Desired(@Nullable Firmware firmware) {
    }

    /**
     * What the back end saw.
     *
     * @param firmwareVersion the {@code firmwareVersion} the device reported last
     * @param state the state of the {@code firmware} writable property at the end
     * @param desiredVersion the desired {@code $version} the back end's request created
     * @param progress each progress value the back end read from the twin, in order
     */
    public record Result(String firmwareVersion, WritablePropertyState state, long desiredVersion,
            List<Integer> progress) {

        /** Returns whether the device runs the target version and accepted the request. */
        public boolean converged() {
            return TARGET_VERSION.equals(firmwareVersion) && state == WritablePropertyState.ACCEPTED;
        }
    }

    private FirmwareUpdate() {
    }

    /**
     * Runs the scenario and exits 0 when the device converged.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(runAsProgram(System.out, System.err));
    }

    static int runAsProgram(PrintStream out, PrintStream err) {
        return Exit.guard("firmware", err, () -> {
            if (!run(out).converged()) {
                throw new ExampleFailure("the end: the device did not converge");
            }
        });
    }

    /**
     * Runs the scenario on an embedded emulator.
     *
     * @param out where the steps are printed
     * @return what the back end saw
     * @throws ExampleFailure if a step does not see what it expects
     */
    public static Result run(PrintStream out) {
        Steps steps = new Steps(out);
        DeviceId id = DeviceId.of(DEVICE);
        TwinKey key = TwinKey.device(id);
        try (TwinkitEmulator emulator = EmbeddedEmulator.start(DEVICE)) {
            HubSettings settings = HubSettings.ofEmulator(emulator);
            steps.line("Firmware update on " + settings.description());
            try (TwinServiceClient backEnd = settings.backEnd();
                 SimulatedFirmware device = new SimulatedFirmware(settings.device(id))) {
                steps.step("Device " + DEVICE + " connects and reports firmwareVersion " + CURRENT_VERSION);
                device.start();

                MergePatch request = MergePatch.builder().set(PROPERTY + ".version", TARGET_VERSION).build();
                steps.step("Back end sets desired " + request);
                TwinDocument twin = backEnd.update(key, TwinPatch.ofDesired(request));
                long desiredVersion = twin.desired().version().orElse(0);
                steps.detail("desired $version " + desiredVersion);

                steps.step("Back end waits for the device to acknowledge");
                WritablePropertyStatus ack = backEnd.awaitWritableProperty(key, null, PROPERTY,
                        status -> status.state() == WritablePropertyState.IN_PROGRESS
                                || status.state() == WritablePropertyState.ACCEPTED, TIMEOUT);
                steps.detail(describe(ack));

                steps.step("Back end follows the update until the device reports " + TARGET_VERSION + ":");
                List<Integer> progress = new ArrayList<>();
                TwinDocument done = backEnd.awaitReported(key, reported -> {
                    OptionalLong percent = reported.getLong("firmwareUpdate.progress");
                    if (percent.isPresent() && (progress.isEmpty()
                            || progress.get(progress.size() - 1) != percent.getAsLong())) {
                        progress.add((int) percent.getAsLong());
                        steps.detail(bar((int) percent.getAsLong()) + " "
                                + reported.getString("firmwareUpdate.step").orElse(""));
                    }
                    return reported.getString("firmwareVersion").orElse("").equals(TARGET_VERSION);
                }, TIMEOUT);

                steps.step("Back end checks the acknowledgement");
                WritablePropertyStatus end = backEnd.awaitWritableProperty(key, null, PROPERTY,
                        WritablePropertyState.ACCEPTED, TIMEOUT);
                steps.detail(describe(end));
                String reportedVersion = done.reported().properties().getString("firmwareVersion").orElse("");
                steps.check(end.isInSync(), "the firmware request is not in sync: " + end);
                steps.line("Converged: " + DEVICE + " runs firmware " + reportedVersion + ".");
                return new Result(reportedVersion, end.state(), desiredVersion, List.copyOf(progress));
            }
        }
    }

    private static String describe(WritablePropertyStatus status) {
        WritablePropertyAck ack = status.ack().orElse(null);
        if (ack == null) {
            return status.state() + ": no acknowledgement";
        }
        return status.state() + ": ack " + ack.code() + " for desired $version " + ack.version()
                + ack.description().map(d -> ", \"" + d + "\"").orElse("");
    }

    private static String bar(int percent) {
        int filled = percent * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%", percent);
    }

    /**
     * The device: runs firmware {@link #CURRENT_VERSION} and installs the version the desired {@code firmware}
     * asks for, on a worker thread so that the listener returns at once.
     */
    private static final class SimulatedFirmware implements AutoCloseable {

        private final DeviceConnection client;
        private final ExecutorService worker = Executors.newSingleThreadExecutor();
        private volatile String running = CURRENT_VERSION;
        private volatile @Nullable String installing;

        SimulatedFirmware(DeviceConnection client) {
            this.client = client;
            client.addDesiredListener(Desired.class, this::onDesired);
        }

        void start() {
            client.open();
            client.report(MergePatch.builder().set("firmwareVersion", running).build());
        }

        private void onDesired(Desired desired, DesiredUpdate update) {
            Firmware wanted = desired.firmware();
            if (wanted == null || wanted.version().equals(running) || wanted.version().equals(installing)) {
                return;
            }
            installing = wanted.version();
            worker.execute(() -> install(wanted, update.version()));
        }

        private void install(Firmware wanted, long desiredVersion) {
            client.acknowledge(null, PROPERTY, WritablePropertyAck.ofValue(wanted, 202, desiredVersion,
                    "downloading " + wanted.version()));
            for (int percent : PROGRESS_STEPS) {
                pause();
                client.report(MergePatch.builder()
                        .set("firmwareUpdate.progress", percent)
                        .set("firmwareUpdate.step", percent < 100 ? "downloading" : "installing")
                        .build());
            }
            pause();
            running = wanted.version();
            client.report(MergePatch.builder()
                    .set("firmwareVersion", running)
                    .set("firmwareUpdate.step", "done")
                    .set(PROPERTY, WritablePropertyAck.ofValue(wanted, 200, desiredVersion, "installed").toJson())
                    .build());
        }

        private static void pause() {
            try {
                Thread.sleep(STEP_TIME.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
        }
    }
}
