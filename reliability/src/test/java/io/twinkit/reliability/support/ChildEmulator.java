package io.twinkit.reliability.support;

import io.twinkit.emulator.crash.ChildJvm;
import io.twinkit.emulator.server.EmulatorCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The emulator's command line ({@link EmulatorCommand}) in a JVM of its own, on a data directory and fixed ports, so
 * that a test can kill it with SIGKILL and start it again on the same directory and ports.
 */
public final class ChildEmulator {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildJvm jvm;
    private final EmulatorEndpoint endpoint;

    private ChildEmulator(ChildJvm jvm, EmulatorEndpoint endpoint) {
        this.jvm = jvm;
        this.endpoint = endpoint;
    }

    /** Three ports that were free a moment ago: HTTPS, MQTT over TLS, MQTT over WebSocket. */
    public record Ports(int https, int mqtt, int mqttWs) {

        /** Returns three distinct ports the system just handed out and released. */
        public static Ports free() {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
                }
                return new Ports(sockets.get(0).getLocalPort(), sockets.get(1).getLocalPort(),
                        sockets.get(2).getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // released either way
                    }
                }
            }
        }
    }

    /**
     * Starts the emulator on {@code dataDirectory} and {@code ports} with {@code devices} and waits for its ready
     * line; its standard error goes to {@code stderr}.
     *
     * @throws AssertionError if it does not announce itself in time (with its standard error)
     */
    public static ChildEmulator start(Path dataDirectory, Ports ports, List<String> devices, Path stderr)
            throws IOException, InterruptedException {
        return start(dataDirectory, ports, devices, stderr, List.of());
    }

    /** Starts the emulator as {@link #start(Path, Ports, List, Path)} does, with {@code options} added. */
    public static ChildEmulator start(Path dataDirectory, Ports ports, List<String> devices, Path stderr,
            List<String> options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("--data-dir", dataDirectory.toString(),
                "--https-port", Integer.toString(ports.https()), "--mqtt-port", Integer.toString(ports.mqtt()),
                "--mqtt-ws-port", Integer.toString(ports.mqttWs())));
        for (String device : devices) {
            args.add("--device");
            args.add(device);
        }
        ChildJvm jvm = ChildJvm.start(ChildEmulatorMain.class, stderr, args.toArray(String[]::new));
        try {
            String line = jvm.awaitLines(1, START_TIMEOUT).get(0);
            return new ChildEmulator(jvm, EmulatorEndpoint.fromReadyLine(line));
        } catch (RuntimeException | Error | InterruptedException e) {
            jvm.close();
            throw e;
        }
    }

    /** How a command line that was expected to fail ended: its exit status and its standard error. */
    public record Ended(int status, String stderr) {
    }

    /**
     * Starts the command line with {@code args} and returns how it ended, or empty if it still ran after
     * {@code timeout} (it is then killed).
     */
    public static Optional<Ended> runToEnd(Path stderr, Duration timeout, String... args)
            throws IOException, InterruptedException {
        ChildJvm jvm = ChildJvm.start(ChildEmulatorMain.class, stderr, args);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (jvm.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            OptionalInt status = jvm.exitValue();
            return status.isPresent() ? Optional.of(new Ended(status.getAsInt(), jvm.stderr())) : Optional.empty();
        } finally {
            jvm.close();
        }
    }

    /** Returns how clients reach it. */
    public EmulatorEndpoint endpoint() {
        return endpoint;
    }

    /** Returns its process id. */
    public long pid() {
        return jvm.pid();
    }

    /** Returns what it wrote to standard error so far. */
    public String stderr() {
        return jvm.stderr();
    }

    /** Kills it with SIGKILL and checks that the signal ended it. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    /** Kills it if it still runs. */
    public void close() throws InterruptedException {
        jvm.close();
    }
}
