package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The device half of the tutorial as a program of its own, for a real hub or a standalone emulator: connects, reports
 * {@code {"connectivity":{"type":"cellular"}}} and disconnects. Needs {@value HubSettings#DEVICE_CONNECTION_STRING}
 * or {@value HubSettings#EMULATOR_READY}; with an emulator the device is the one named on the command line, else
 * {@value HubSettings#DEFAULT_DEVICE_ID}.
 */
public final class DeviceProgram {

    private DeviceProgram() {
    }

    /**
     * Runs the program with the process's environment and exits with its status.
     *
     * @param args an optional device id (emulator only)
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), List.of(args), System.out, System.err));
    }

    /**
     * Runs the program.
     *
     * @param env the environment variables ({@link HubSettings})
     * @param args an optional device id
     * @param out where the steps are printed
     * @param err where a failure is described
     * @return the exit status: 0 when the hub accepted the report
     */
    public static int run(Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(out, "out");
        return Exit.guard("device", err, () -> {
            if (args.size() > 1) {
                throw new SettingsException("usage: device [deviceId]");
            }
            HubSettings settings = HubSettings.fromEnvironment(env).orElseThrow(() -> new SettingsException(
                    "the device needs a hub or a standalone emulator: set " + HubSettings.DEVICE_CONNECTION_STRING
                            + " or " + HubSettings.EMULATOR_READY + " (without either, the tutorial runs both halves"
                            + " on an embedded emulator)"));
            DeviceId deviceId = settings.deviceId(args.isEmpty() ? null : args.get(0));
            Steps steps = new Steps(out);
            steps.line("Tutorial device " + deviceId.value() + " on " + settings.description());
            try (SimulatedDevice device = new SimulatedDevice(settings.device(deviceId), deviceId,
                    settings.transport(), steps)) {
                device.connect();
                device.reportCellular();
            }
            steps.line("Done: the hub accepted the report.");
        });
    }
}
