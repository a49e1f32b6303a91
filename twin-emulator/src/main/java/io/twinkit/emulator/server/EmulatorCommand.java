package io.twinkit.emulator.server;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The command-line launcher, the main class of {@code twin-emulator-cli.jar}:
 * {@code java -jar twin-emulator-cli.jar [--https-port N] [--mqtt-port N] [--mqtt-ws-port N] [--data-dir DIR]
 * [--recover-store] [--hub-name NAME] [--device ID]... [--accept-host NAME]... [--accept-any-host]
 * [connection limits] [--bind-address ADDR] [hub settings] [--help]}; {@code --help} lists every option. The hub
 * settings are those of {@link io.twinkit.emulator.HubOptions}: throttling tier and units, query lag, page sizes,
 * query cursor budget, the service behaviours and the twin limits.
 *
 * <p>When the emulator is ready, standard output gets exactly one line, {@value #READY_PREFIX} followed by the
 * one-line JSON object of {@link TwinkitEmulator#readyInfo()} (ports, connection strings, trust store), and nothing
 * else; messages and logs go to standard error. The process then serves until it is told to stop (SIGTERM, Ctrl-C),
 * when a shutdown hook closes the emulator; the JVM's exit status is then the signal's (143 for SIGTERM).
 *
 * <p>Exit status: 0 after {@code --help}, 2 for bad arguments (with the usage on standard error), 1 if the emulator
 * cannot start (for example a port is taken).
 */
public final class EmulatorCommand {

    /** The start of the line that announces a ready emulator; the JSON object follows on the same line. */
    public static final String READY_PREFIX = "TWINKIT-EMULATOR-READY ";

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private EmulatorCommand() {
    }

    /**
     * Runs the emulator as the arguments say and returns only when the JVM shuts down, or exits with status 1 or 2
     * when it cannot start.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        int status = run(List.of(args), System.out, System.err, new ShutdownHookLifecycle());
        if (status != EXIT_OK) {
            System.exit(status);
        }
    }

    /**
     * Parses {@code args}, starts the emulator, has {@code lifecycle} close it on a stop request, announces it on
     * {@code out} and waits for {@code lifecycle} to let go; closes the emulator and returns the exit status.
     */
    static int run(List<String> args, PrintStream out, PrintStream err, Lifecycle lifecycle) {
        Objects.requireNonNull(lifecycle, "lifecycle");
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("twinkit-emulator: " + e.getMessage());
            err.print(CommandLine.USAGE);
            err.flush();
            return EXIT_USAGE;
        }
        if (line.help()) {
            out.print(CommandLine.USAGE);
            out.flush();
            return EXIT_OK;
        }
        TwinkitEmulator emulator;
        try {
            emulator = TwinkitEmulator.start(line.config());
        } catch (RuntimeException e) {
            err.println("twinkit-emulator: cannot start: " + e.getMessage());
            err.flush();
            return EXIT_FAILED;
        }
        try (emulator) {
            // a stop request right after the announcement must still close the emulator
            lifecycle.onStopRequest(emulator::close);
            for (String loss : emulator.hub().storeRecovery()) {
                err.println("twinkit-emulator: recovered the store: " + loss);
            }
            String ready = READY_PREFIX + emulator.readyInfo();
            err.println("twinkit-emulator: hub " + emulator.hub().options().hubName() + " ready: HTTPS on "
                    + TwinkitEmulator.SERVICE_HOST + ":" + emulator.httpsPort() + ", MQTT on "
                    + TwinkitEmulator.DEVICE_HOST + ":" + emulator.mqttPort() + ", MQTT over WebSocket on "
                    + TwinkitEmulator.SERVICE_HOST + ":" + emulator.mqttWsPort() + "; CA certificate "
                    + emulator.caCertificateFile().toAbsolutePath());
            err.flush();
            out.println(ready);
            out.flush();
            lifecycle.awaitStop();
        }
        return EXIT_OK;
    }

    /** How a running emulator learns that it should stop. */
    interface Lifecycle {

        /** Arranges for {@code stop} to run when the process is asked to stop. */
        void onStopRequest(Runnable stop);

        /** Returns once the emulator should stop and the stop action has run. */
        void awaitStop();
    }

    /** Stops on JVM shutdown (SIGTERM, SIGINT, the last non-daemon thread ending): a shutdown hook closes. */
    private static final class ShutdownHookLifecycle implements Lifecycle {

        private final CountDownLatch stopped = new CountDownLatch(1);

        @Override
        public void onStopRequest(Runnable stop) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop.run();
                    System.err.println("twinkit-emulator: stopped");
                } finally {
                    stopped.countDown();
                }
            }, "twinkit-emulator-shutdown"));
        }

        @Override
        public void awaitStop() {
            boolean interrupted = false;
            while (true) {
                try {
                    stopped.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
