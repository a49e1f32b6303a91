package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.MethodResponse;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.MethodInvokeOptions;
import io.twinkit.service.MethodResult;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A firmware update driven by a direct method: the back end calls {@value #METHOD} on the device with a typed
 * payload ({@link FirmwareRequest}: version and download URL); the device answers 200 at once with a typed result
 * ({@link UpdateAccepted}) and runs the update on a worker thread, reporting its progress through reported
 * properties ({@code firmwareUpdate}: {@code downloading} in steps, {@code applying}, {@code done}, and at the end
 * the new {@code firmwareVersion}) and sending a telemetry message at each step ({@link Progress} as JSON, with the
 * application properties {@code messageType} and {@code state}), each acknowledged by the hub before the step is
 * reported. The back end follows the update in the twin and, on an emulator, reads the telemetry back from the
 * emulator's journal; a real hub delivers telemetry to its built-in Event Hubs endpoint, which this program does
 * not read.
 *
 * <p>Runs on an emulator started in-process, or with {@value HubSettings#EMULATOR_READY} on a standalone emulator
 * started with {@code --device myDeviceId}, or with {@value HubSettings#SERVICE_CONNECTION_STRING} and
 * {@value HubSettings#DEVICE_CONNECTION_STRING} on a real hub. Each run starts the device at firmware
 * {@value #CURRENT_VERSION} (it reports that version and removes the last run's {@code firmwareUpdate}), so runs
 * repeat.
 */
public final class FirmwareUpdate {

    /** The direct method that starts an update. */
    public static final String METHOD = "firmwareUpdate";
    /** The firmware the device runs at first. */
    public static final String CURRENT_VERSION = "1.0.0";
    /** The firmware the back end asks for. */
    public static final String TARGET_VERSION = "2.0.0";
    /** Where the device downloads it from. */
    public static final String FIRMWARE_URL = "https://firmware.example.com/thermostat/2.0.0.bin";
    /** The download progress the device reports, in percent. */
    public static final List<Integer> DOWNLOAD_STEPS = List.of(25, 50, 75, 100);
    /** The states the device goes through, in order. */
    public static final List<String> STATES = List.of("downloading", "applying", "done");
    /** The telemetry messages an update sends: one per download step, one for applying, one when done. */
    public static final int TELEMETRY_MESSAGES = DOWNLOAD_STEPS.size() + 2;

    private static final Duration STEP_TIME = Duration.ofMillis(400);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int BAR_WIDTH = 20;

    /** The direct method's payload: the firmware to install and where to get it. */
    public record FirmwareRequest(String version, String url) {
    }

    /** The device's answer to {@value #METHOD}: the update it started. */
    public record UpdateAccepted(String from, String to, String state) {
    }

    /** A telemetry message of the update: the state and the download progress. */
    public record Progress(String state, int progress, String version) {
    }

    /**
     * What the back end saw.
     *
     * @param methodStatus the status the device answered the direct method with
     * @param accepted the device's typed answer, when it answered 200
     * @param steps each state of the update the back end read from the twin, in order ({@code downloading 25%},
     *     ..., {@code applying}, {@code done})
     * @param firmwareVersion the {@code firmwareVersion} the device reported last
     * @param telemetryAcknowledged the telemetry messages the hub acknowledged to the device
     * @param telemetryRead the telemetry messages the back end read back, oldest first; empty on a real hub
     * @param telemetryReadBack whether the telemetry could be read back (an emulator)
     */
    public record Result(int methodStatus, @Nullable UpdateAccepted accepted, List<String> steps,
            String firmwareVersion, int telemetryAcknowledged, List<TelemetryMessage> telemetryRead,
            boolean telemetryReadBack) {

        /** Returns whether the device took the update, ran it to its end and its telemetry all arrived. */
        public boolean updated() {
            return methodStatus == 200 && TARGET_VERSION.equals(firmwareVersion) && !steps.isEmpty()
                    && steps.get(steps.size() - 1).equals("done") && telemetryAcknowledged == TELEMETRY_MESSAGES
                    && (!telemetryReadBack || telemetryRead.size() == TELEMETRY_MESSAGES);
        }
    }

    private FirmwareUpdate() {
    }

    /**
     * Runs the scenario with the process's environment and exits 0 when the device was updated.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(runAsProgram(System.getenv(), System.out, System.err));
    }

    static int runAsProgram(Map<String, String> env, PrintStream out, PrintStream err) {
        return Exit.guard("firmware", err, () -> {
            Optional<HubSettings> configured = HubSettings.fromEnvironment(env);
            Result result;
            if (configured.isPresent()) {
                HubSettings settings = configured.get();
                if (!settings.hasBackEnd() || !settings.hasDevice()) {
                    throw new SettingsException("the firmware update runs a back end and a device: set both "
                            + HubSettings.SERVICE_CONNECTION_STRING + " and " + HubSettings.DEVICE_CONNECTION_STRING
                            + " (or " + HubSettings.EMULATOR_READY + "), or neither to run on an embedded emulator");
                }
                result = run(settings, settings.isEmulator()
                        ? TelemetryReader.endpoint(settings)
                        : TelemetryReader.none("the hub's built-in Event Hubs endpoint"), out);
            } else {
                result = run(out);
            }
            if (!result.updated()) {
                throw new ExampleFailure("the end: the device was not updated: " + result);
            }
        });
    }

    /**
     * Runs the scenario on an embedded emulator, reading the telemetry from its journal.
     *
     * @param out where the steps are printed
     * @return what the back end saw
     * @throws ExampleFailure if a step does not see what it expects
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(PrintStream out) throws InterruptedException {
        try (TwinkitEmulator emulator = EmbeddedEmulator.start(HubSettings.DEFAULT_DEVICE_ID)) {
            return run(HubSettings.ofEmulator(emulator), TelemetryReader.journal(emulator.hub().telemetry()), out);
        }
    }

    /**
     * Runs the scenario on a hub or emulator.
     *
     * @param settings where the back end and the device connect
     * @param telemetry where the back end reads the device's telemetry, if anywhere
     * @param out where the steps are printed
     * @return what the back end saw
     * @throws ExampleFailure if a step does not see what it expects
     * @throws InterruptedException if interrupted while waiting
     */
    static Result run(HubSettings settings, TelemetryReader telemetry, PrintStream out) throws InterruptedException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(telemetry, "telemetry");
        Steps steps = new Steps(out);
        DeviceId id = settings.deviceId(null);
        TwinKey key = TwinKey.device(id);
        steps.line("Firmware update on " + settings.description());
        try (TwinServiceClient backEnd = settings.backEnd();
             SimulatedFirmware device = new SimulatedFirmware(settings.device(id))) {
            steps.step("Device " + id.value() + " connects, handles the direct method " + METHOD
                    + " and reports firmwareVersion " + CURRENT_VERSION);
            device.start();
            long mark = telemetry.readsBack() ? telemetry.mark() : 0;

            FirmwareRequest request = new FirmwareRequest(TARGET_VERSION, FIRMWARE_URL);
            steps.step("Back end invokes " + METHOD + " on " + id.value() + ": "
                    + TwinJson.standard().toJsonValue(request));
            MethodResult answer = backEnd.methods().invoke(key, METHOD, request, MethodInvokeOptions.defaults()
                    .connectTimeout(Duration.ofSeconds(30)).responseTimeout(Duration.ofSeconds(30)));
            steps.detail("status " + answer.status() + ": " + answer.payload());
            steps.check(answer.isSuccess(), "the device refused the update: " + answer);
            UpdateAccepted accepted = answer.payloadAs(UpdateAccepted.class);

            steps.step("Back end follows the update in the reported properties until the device reports "
                    + TARGET_VERSION + ":");
            List<String> seen = new ArrayList<>();
            TwinDocument twin = backEnd.awaitReported(key, reported -> {
                String step = describe(reported);
                if (step != null && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(step))) {
                    seen.add(step);
                    steps.detail(line(reported));
                }
                return "done".equals(reported.getString("firmwareUpdate.state").orElse(""))
                        && TARGET_VERSION.equals(reported.getString("firmwareVersion").orElse(""));
            }, TIMEOUT);
            String version = twin.reported().properties().getString("firmwareVersion").orElse("");
            int acknowledged = device.awaitTelemetry();

            List<TelemetryMessage> read = List.of();
            if (telemetry.readsBack()) {
                steps.step("Back end reads the device's telemetry from " + telemetry.source() + ":");
                read = telemetry.read(mark, id, TELEMETRY_MESSAGES, TIMEOUT);
                for (TelemetryMessage message : read) {
                    steps.detail("#" + message.sequenceNumber() + " " + message.applicationProperties() + " "
                            + message.contentType().orElse("?") + " " + message.bodyAsString());
                }
                steps.detail(read.size() + " messages; the device saw " + acknowledged + " acknowledged");
                steps.check(read.size() == acknowledged, read.size() + " messages read back, " + acknowledged
                        + " acknowledged");
            } else {
                steps.step("The device's " + acknowledged + " telemetry messages, each acknowledged by the hub, went"
                        + " to " + telemetry.source() + " (an Event Hubs client reads them; this program does not)");
            }
            steps.check(acknowledged == TELEMETRY_MESSAGES, acknowledged + " of " + TELEMETRY_MESSAGES
                    + " telemetry messages acknowledged");
            steps.line("Done: " + id.value() + " runs firmware " + version + " (" + METHOD + " answered "
                    + answer.status() + ", " + seen.size() + " steps seen in the twin, " + acknowledged
                    + " telemetry messages).");
            return new Result(answer.status(), accepted, List.copyOf(seen), version, acknowledged, read,
                    telemetry.readsBack());
        }
    }

    /** Returns the update's step the reported properties show: {@code downloading 25%}, {@code applying}, ... */
    private static @Nullable String describe(PropertySet reported) {
        String state = reported.getString("firmwareUpdate.state").orElse(null);
        if (state == null) {
            return null;
        }
        return state.equals("downloading") ? state + " " + reported.getLong("firmwareUpdate.progress").orElse(0) + "%"
                : state;
    }

    private static String line(PropertySet reported) {
        String state = reported.getString("firmwareUpdate.state").orElse("");
        return switch (state) {
            case "downloading" -> state + " " + bar((int) reported.getLong("firmwareUpdate.progress").orElse(0));
            case "done" -> state + ": firmwareVersion " + reported.getString("firmwareVersion").orElse("?");
            default -> state;
        };
    }

    private static String bar(int percent) {
        int filled = percent * BAR_WIDTH / 100;
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%%", percent);
    }

    /**
     * The device: runs firmware {@link #CURRENT_VERSION}, answers {@value #METHOD} and installs the version asked
     * for on a worker thread, so that the method's answer goes out at once.
     */
    private static final class SimulatedFirmware implements AutoCloseable {

        private final DeviceConnection connection;
        private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "firmware-update");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicInteger acknowledged = new AtomicInteger();
        private volatile String running = CURRENT_VERSION;
        private volatile @Nullable Future<?> update;

        SimulatedFirmware(DeviceConnection connection) {
            this.connection = connection;
            connection.onMethod(METHOD, FirmwareRequest.class, this::onFirmwareUpdate);
        }

        void start() {
            connection.open();
            connection.report(MergePatch.builder().set("firmwareVersion", running).delete("firmwareUpdate").build());
        }

        private Object onFirmwareUpdate(@Nullable FirmwareRequest request) {
            if (request == null || request.version() == null || request.url() == null) {
                return MethodResponse.withMessage(400, "a firmware update needs a version and a url");
            }
            synchronized (this) {
                if (update != null && !update.isDone()) {
                    return MethodResponse.withMessage(409, "an update is already running");
                }
                UpdateAccepted accepted = new UpdateAccepted(running, request.version(), "downloading");
                update = worker.submit(() -> install(request));
                return accepted;
            }
        }

        private void install(FirmwareRequest request) {
            String target = request.version();
            for (int percent : DOWNLOAD_STEPS) {
                pause();
                progress("downloading", percent, target, MergePatch.builder());
            }
            pause();
            progress("applying", 100, target, MergePatch.builder());
            pause();
            running = target;
            progress("done", 100, target, MergePatch.builder().set("firmwareVersion", target));
        }

        /** Sends the step's telemetry, waits for the hub's acknowledgement, then reports the step. */
        private void progress(String state, int percent, String target, MergePatch.Builder report) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("messageType", "firmwareProgress");
            properties.put("state", state);
            connection.send(new Progress(state, percent, target), properties).join();
            acknowledged.incrementAndGet();
            connection.report(report.set("firmwareUpdate.state", state).set("firmwareUpdate.progress", percent)
                    .set("firmwareUpdate.version", target).build());
        }

        /** Waits for the update to end and returns the telemetry messages the hub acknowledged. */
        int awaitTelemetry() throws InterruptedException {
            Future<?> current = update;
            if (current != null) {
                try {
                    current.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new ExampleFailure("the device's update did not end well: " + e);
                }
            }
            return acknowledged.get();
        }

        private static void pause() {
            try {
                Thread.sleep(STEP_TIME.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
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
            connection.close();
        }
    }
}
