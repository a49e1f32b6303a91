package io.twinkit.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point of {@code twinkit-examples.jar}: runs the program named by the first argument, the tutorial when
 * there is none. {@code --help} lists the programs and the environment variables they read.
 */
public final class Examples {

    /** What {@code --help} prints. */
    public static final String USAGE = """
            usage: java -jar twinkit-examples.jar [program] [arguments]

            programs:
              tutorial           the device-twin tutorial (the default): tags, queries, a reported property
              firmware           a firmware update: a direct method, progress in the twin, telemetry
              typed              typed twins: records for tags, desired and reported properties, minimal patches
              fleet [devices]    GROUP BY counts and paged queries over a simulated fleet (3000 devices)
              rollout [devices]  a configuration and a twin update job over a plant's share of 1000 devices
              backend [deviceId] the tutorial's back end alone, against a hub or a standalone emulator
              device [deviceId]  the tutorial's device alone, against a hub or a standalone emulator

            environment (none set: an emulator is started in-process):
              IOTHUB_CONNECTION_STRING         a hub's service connection string (tutorial, backend, firmware,
                                               rollout)
              IOTHUB_DEVICE_CONNECTION_STRING  a device's connection string on that hub (tutorial, device,
                                               firmware)
              IOTHUB_DEVICE_TRANSPORT          MQTT (default, port 8883) or MQTT_WEBSOCKET (port 443)
              TWINKIT_EMULATOR_READY           a standalone emulator: its TWINKIT-EMULATOR-READY line, or the
                                               file its launcher's output went to (tutorial, backend, device,
                                               firmware, rollout)
            typed and fleet always run on an emulator started in-process.
            """;

    private Examples() {
    }

    /**
     * Runs the named program with the process's environment and exits with its status.
     *
     * @param args the program's name and its arguments
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    /**
     * Runs the named program.
     *
     * @param args the program's name and its arguments; empty for the tutorial
     * @param env the environment variables ({@link HubSettings})
     * @param out the program's output
     * @param err where failures are described
     * @return the program's exit status, {@link Exit#USAGE} for an unknown program
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        String program = args.isEmpty() ? "tutorial" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        switch (program) {
            case "tutorial":
                return rest.isEmpty() ? Tutorial.run(env, out, err) : usage(err, "tutorial takes no arguments");
            case "firmware":
                return rest.isEmpty() ? FirmwareUpdate.runAsProgram(env, out, err)
                        : usage(err, "firmware takes no arguments");
            case "typed":
                return rest.isEmpty() ? TypedTwins.runAsProgram(out, err) : usage(err, "typed takes no arguments");
            case "fleet":
                return FleetQuery.runAsProgram(rest, out, err);
            case "rollout":
                return Rollout.runAsProgram(env, rest, out, err);
            case "backend":
                return BackEndProgram.run(env, rest, out, err, BackEndProgram.WAIT_FOR_DEVICE);
            case "device":
                return DeviceProgram.run(env, rest, out, err);
            case "--help":
            case "-h":
            case "help":
                out.print(USAGE);
                out.flush();
                return Exit.OK;
            default:
                return usage(err, "unknown program '" + program + "'");
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("twinkit-examples: " + problem);
        err.print(USAGE);
        err.flush();
        return Exit.USAGE;
    }
}
