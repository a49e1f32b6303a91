package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.service.TwinServiceClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The back-end half of the tutorial as a program of its own, for a real hub or a standalone emulator: tags the device,
 * finds it in plant Redmond43, then waits until it shows up on cellular, which it does once {@link DeviceProgram} has
 * run (before or meanwhile). Needs {@value HubSettings#SERVICE_CONNECTION_STRING} or
 * {@value HubSettings#EMULATOR_READY}; the device is the one named on the command line, else the one of
 * {@value HubSettings#DEVICE_CONNECTION_STRING}, else {@value HubSettings#DEFAULT_DEVICE_ID}.
 */
public final class BackEndProgram {

    /** How long the program waits for the device to show up on cellular. */
    public static final Duration WAIT_FOR_DEVICE = Duration.ofSeconds(120);

    private BackEndProgram() {
    }

    /**
     * Runs the program with the process's environment and exits with its status.
     *
     * @param args an optional device id
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), List.of(args), System.out, System.err, WAIT_FOR_DEVICE));
    }

    /**
     * Runs the program.
     *
     * @param env the environment variables ({@link HubSettings})
     * @param args an optional device id
     * @param out where the steps are printed
     * @param err where a failure is described
     * @param waitForDevice how long the queries are asked again until they find the device
     * @return the exit status: 0 when the device was found in Redmond43 and on cellular
     */
    public static int run(Map<String, String> env, List<String> args, PrintStream out, PrintStream err,
            Duration waitForDevice) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(waitForDevice, "waitForDevice");
        return Exit.guard("backend", err, () -> {
            if (args.size() > 1) {
                throw new SettingsException("usage: backend [deviceId]");
            }
            HubSettings settings = HubSettings.fromEnvironment(env).orElseThrow(() -> new SettingsException(
                    "the back end needs a hub or a standalone emulator: set " + HubSettings.SERVICE_CONNECTION_STRING
                            + " or " + HubSettings.EMULATOR_READY + " (without either, the tutorial runs both halves"
                            + " on an embedded emulator)"));
            DeviceId deviceId = settings.deviceId(args.isEmpty() ? null : args.get(0));
            Steps steps = new Steps(out);
            steps.line("Tutorial back end on " + settings.description() + ", for device " + deviceId.value());
            try (TwinServiceClient client = settings.backEnd()) {
                TutorialBackEnd backEnd = new TutorialBackEnd(client, deviceId, steps, waitForDevice);
                backEnd.addLocationTags();
                backEnd.findInRedmond43();
                backEnd.findOnCellular(true);
            }
            steps.line("Done: " + deviceId.value() + " is in Redmond43 and on cellular.");
        });
    }
}
