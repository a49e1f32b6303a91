package io.twinkit.emulator.server;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.TelemetryMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The command-line launcher, the main class of {@code twin-emulator-cli.jar}:
 * {@code java -jar twin-emulator-cli.jar [--https-port N] [--mqtt-port N] [--mqtt-ws-port N] [--data-dir DIR]
 * [--recover-store] [--hub-name NAME] [--device ID]... [--accept-host NAME]... [--accept-any-host]
 * [connection limits] [--bind-address ADDR] [--host-name NAME]... [--cert FILE --key FILE]
 * [--own-loopback-address] [hub settings] [--log-telemetry] [--log-requests] [--help]}; {@code --help} lists every
 * option. The hub settings are those of {@link io.twinkit.emulator.HubOptions}: throttling tier and units, query lag,
 * page sizes, query cursor budget, the service behaviours, the twin limits and the telemetry journal's bounds.
 *
 * <p>When the emulator is ready, standard output gets exactly one line, {@value #READY_PREFIX} followed by the
 * one-line JSON object of {@link TwinkitEmulator#readyInfo()}: the hub name, the hosts ({@code hostName} for the
 * service, {@code deviceHost} for devices, {@code bindAddress}), the ports, the connection strings, the CA
 * certificate clients must trust as PEM text ({@code caCertificatePem}, for a client in another container or
 * language) and as files on the emulator's machine ({@code caCertificateFile}, {@code trustStoreFile} with
 * {@code trustStorePassword}), and nothing else; messages and logs go to standard error, and so does, with
 * {@code --log-telemetry}, one line per telemetry message a device sends
 * ({@code twinkit-emulator: telemetry #<n> from <device> …}), and with {@code --log-requests} one line per HTTPS
 * request, MQTT CONNECT and MQTT PUBLISH ({@code twinkit-emulator: HTTPS GET /twins/d1 200 3ms policy=iothubowner};
 * see {@link EmulatorConfig.Builder#logRequests}). The process then serves until it is told to stop (SIGTERM,
 * Ctrl-C), when a shutdown hook closes the emulator; the JVM's exit status is then the signal's (143 for SIGTERM).
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
    /** The most characters of a body {@code --log-telemetry} prints. */
    static final int LOGGED_BODY_CHARS = 512;
    /** The system properties the hub stamps on every message, which {@code --log-telemetry} leaves out. */
    private static final Set<String> HUB_STAMPED = Set.of(TelemetryMessage.CONNECTION_DEVICE_ID,
            TelemetryMessage.CONNECTION_MODULE_ID, TelemetryMessage.CONNECTION_AUTH_METHOD,
            TelemetryMessage.CONNECTION_AUTH_GENERATION_ID, TelemetryMessage.ENQUEUED_TIME,
            TelemetryMessage.MESSAGE_SOURCE, TelemetryMessage.DATA_SCHEMA);

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
        EmulatorConfig config = line.config();
        if (line.logRequests()) {
            config = config.toBuilder().logRequests(request -> err.println("twinkit-emulator: " + request)).build();
        }
        TwinkitEmulator emulator;
        try {
            emulator = TwinkitEmulator.start(config);
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
            if (line.logTelemetry()) {
                // lives as long as the hub, which the emulator closes
                emulator.hub().telemetry().subscribe(message -> err.println(telemetryLine(message)));
            }
            String ready = READY_PREFIX + emulator.readyInfo();
            err.println("twinkit-emulator: hub " + emulator.hub().options().hubName() + " ready: HTTPS on "
                    + emulator.serviceHost() + ":" + emulator.httpsPort() + ", MQTT on "
                    + emulator.deviceHost() + ":" + emulator.mqttPort() + ", MQTT over WebSocket on "
                    + emulator.serviceHost() + ":" + emulator.mqttWsPort() + "; CA certificate "
                    + emulator.caCertificateFile().toAbsolutePath());
            err.flush();
            out.println(ready);
            out.flush();
            lifecycle.awaitStop();
        }
        return EXIT_OK;
    }

    /**
     * Returns the line {@code --log-telemetry} prints for a message: {@code twinkit-emulator: telemetry #<sequence
     * number> from <device>[/<module>] (<n> bytes) <system properties the device set> <application properties>
     * <body>}, the properties as JSON objects, the body as a JSON string when it is UTF-8 text (else {@code base64:}
     * and its base64), cut after {@value #LOGGED_BODY_CHARS} characters with {@code …}; one line whatever the message
     * holds.
     */
    static String telemetryLine(TelemetryMessage message) {
        JsonObject.Builder system = JsonObject.builder();
        message.systemProperties().forEach((name, value) -> {
            if (!HUB_STAMPED.contains(name)) {
                system.put(name, value);
            }
        });
        JsonObject.Builder application = JsonObject.builder();
        message.applicationProperties().forEach(application::put);
        byte[] body = message.body();
        String text = message.bodyAsString();
        boolean utf8 = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), body);
        String shown = utf8 ? text : "base64:" + Base64.getEncoder().encodeToString(body);
        if (shown.length() > LOGGED_BODY_CHARS) {
            shown = shown.substring(0, LOGGED_BODY_CHARS) + "…";
        }
        return "twinkit-emulator: telemetry #" + message.sequenceNumber() + " from " + message.source() + " ("
                + body.length + " bytes) " + system.build() + " " + application.build() + " "
                + JsonString.of(shown);
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
