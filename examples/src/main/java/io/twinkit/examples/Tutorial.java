package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The device-twin tutorial in one program: the back end tags device {@value HubSettings#DEFAULT_DEVICE_ID} with its
 * location and looks for it with two queries; the device reports that it is on cellular; the back end finds it on
 * cellular. It runs on an emulator started in-process, or, with the variables of {@link HubSettings} set, against
 * that hub (both {@value HubSettings#SERVICE_CONNECTION_STRING} and {@value HubSettings#DEVICE_CONNECTION_STRING})
 * or standalone emulator ({@value HubSettings#EMULATOR_READY}). The two halves are {@link TutorialBackEnd} and
 * {@link SimulatedDevice}.
 *
 * <p>Exit status 0 when each step saw what it expected, 1 when one did not (with the reason on standard error), 2
 * for unusable settings.
 */
public final class Tutorial {

    /** How long each query is asked again until it sees what it expects. */
    public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private Tutorial() {
    }

    /**
     * Runs the tutorial with the process's environment and exits with its status.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /**
     * Runs the tutorial.
     *
     * @param env the environment variables ({@link HubSettings}); none set starts an embedded emulator
     * @param out where the steps are printed
     * @param err where a failure is described
     * @return the exit status: 0 when each step saw what it expected
     */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        return run(env, out, err, QUERY_TIMEOUT);
    }

    /**
     * Runs the tutorial with another query timeout.
     *
     * @param env the environment variables; none set starts an embedded emulator
     * @param out where the steps are printed
     * @param err where a failure is described
     * @param queryTimeout how long each query is asked again until it sees what it expects
     * @return the exit status
     */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err, Duration queryTimeout) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        return Exit.guard("tutorial", err, () -> {
            Optional<HubSettings> configured = HubSettings.fromEnvironment(env);
            if (configured.isPresent()) {
                HubSettings settings = configured.get();
                if (!settings.hasBackEnd() || !settings.hasDevice()) {
                    throw new SettingsException("the tutorial runs the back end and the device: set both "
                            + HubSettings.SERVICE_CONNECTION_STRING + " and " + HubSettings.DEVICE_CONNECTION_STRING
                            + ", or neither to run on an embedded emulator");
                }
                runSteps(settings, new Steps(out), queryTimeout);
                return;
            }
            try (TwinkitEmulator emulator = EmbeddedEmulator.start(HubSettings.DEFAULT_DEVICE_ID)) {
                runSteps(HubSettings.ofEmulator(emulator), new Steps(out), queryTimeout);
            }
        });
    }

    private static void runSteps(HubSettings settings, Steps steps, Duration queryTimeout) {
        DeviceId deviceId = settings.deviceId(null);
        steps.line("Device twin tutorial on " + settings.description());
        try (TwinServiceClient client = settings.backEnd();
             SimulatedDevice device = new SimulatedDevice(settings.device(deviceId), deviceId, settings.transport(),
                     steps)) {
            TutorialBackEnd backEnd = new TutorialBackEnd(client, deviceId, steps, queryTimeout);
            device.connect();
            device.forgetEarlierConnectivity();
            backEnd.addLocationTags();
            backEnd.findInRedmond43();
            backEnd.findOnCellular(false);
            device.reportCellular();
            backEnd.findOnCellular(true);
        }
        steps.line("Done: each step saw what it expected.");
    }
}
