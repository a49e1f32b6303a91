package io.twinkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.reliability.load.LoadDevice;
import io.twinkit.reliability.load.LoadNetwork;
import io.twinkit.reliability.load.LoadStats;
import io.twinkit.reliability.support.ChildEmulator;
import io.twinkit.reliability.support.EmulatorEndpoint;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Settings;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File descriptor exhaustion: the emulator (a child JVM) gets a descriptor limit ({@code prlimit}) a little above
 * what it uses, then far more idle connections than that arrive on its three ports, until accepting fails with "Too
 * many open files". Once the connections are gone, the HTTPS API must answer and devices must connect over MQTT and
 * MQTT over WebSocket again within seconds. The first log line used to load the time-zone data at that moment, fail
 * for want of a descriptor, and kill the acceptor threads: both front ends stayed dead for good.
 */
class DescriptorExhaustionTest {

    private static final Duration SERVE_AGAIN_WITHIN = Duration.ofSeconds(60);
    private static final String TLS_DEVICE = "fd-tls";
    private static final String WS_DEVICE = "fd-ws";

    @TempDir
    Path temp;

    @Test
    void anEmulatorOutOfDescriptorsServesAgainOnceTheConnectionsAreGone() throws Exception {
        assumeTrue(prlimitWorks(), "prlimit(1) sets the descriptor limit of a running process");
        int headroom = Settings.integer("reliability.exhaust.headroom", 150);
        Path stderr = temp.resolve("stderr.txt");
        ChildEmulator emulator = ChildEmulator.start(temp.resolve("data"), ChildEmulator.Ports.free(),
                List.of(TLS_DEVICE, WS_DEVICE), stderr);
        EmulatorEndpoint endpoint = emulator.endpoint();
        List<Socket> idle = new ArrayList<>();
        try (LoadNetwork network = new LoadNetwork(endpoint, 1);
             TwinServiceClient service = endpoint.serviceClient()) {
            // every front end has served before the attack, as in a running emulator
            service.getTwin(TwinKey.device(TLS_DEVICE));
            online(network, TLS_DEVICE, false);
            online(network, WS_DEVICE, true);

            long rssBefore = rssKiB(emulator.pid());
            int descriptorsBefore = descriptors(emulator.pid());
            int limit = descriptorsBefore + headroom;
            prlimit(emulator.pid(), limit);

            int[] ports = {endpoint.httpsPort(), endpoint.mqttPort(), endpoint.mqttWsPort()};
            int attempts = 2 * headroom + 100;
            int notConnected = 0;
            for (int i = 0; i < attempts; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[i % 3]), 1_000);
                    idle.add(socket);
                } catch (IOException e) {
                    socket.close();
                    notConnected++;
                }
            }
            long exhaustedAt = System.nanoTime();
            awaitDescriptors(emulator.pid(), limit - 5);
            long rssExhausted = rssKiB(emulator.pid());
            int descriptorsExhausted = descriptors(emulator.pid());

            for (Socket socket : idle) {
                socket.close();
            }
            int opened = idle.size();
            idle.clear();
            long freedAt = System.nanoTime();
            double httpsSeconds = secondsUntil(freedAt, () -> service.getTwin(TwinKey.device(TLS_DEVICE)));
            double mqttSeconds = secondsUntil(freedAt, () -> online(network, TLS_DEVICE, false));
            double mqttWsSeconds = secondsUntil(freedAt, () -> online(network, WS_DEVICE, true));
            long rssAfter = rssKiB(emulator.pid());

            Figures.write("descriptor-exhaustion", JsonObject.builder()
                    .put("descriptorsBefore", descriptorsBefore)
                    .put("descriptorLimit", limit)
                    .put("descriptorsWhileExhausted", descriptorsExhausted)
                    .put("idleConnectionsAttempted", attempts)
                    .put("idleConnectionsOpened", opened)
                    .put("idleConnectionsNotConnected", notConnected)
                    .put("secondsExhausted", (freedAt - exhaustedAt) / 1e9)
                    .put("rssKiBBefore", rssBefore)
                    .put("rssKiBExhausted", rssExhausted)
                    .put("rssKiBAfter", rssAfter)
                    .put("httpsServesAgainAfterSeconds", httpsSeconds)
                    .put("mqttServesAgainAfterSeconds", mqttSeconds)
                    .put("mqttWsServesAgainAfterSeconds", mqttWsSeconds)
                    .build());
            assertThat(emulator.stderr()).as("the emulator's standard error").contains("Too many open files")
                    .doesNotContain("Exception in thread");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
            emulator.close();
        }
    }

    /** Connects a device and waits until it is online (subscribed, twin fetched), then disconnects it. */
    private static void online(LoadNetwork network, String deviceId, boolean webSocket) throws Exception {
        LoadDevice device = new LoadDevice(network, deviceId, network.endpoint().deviceKey(deviceId), webSocket,
                LoadDevice.ReportMode.DISTINCT, new LoadStats(), 1);
        try {
            device.start().get(SERVE_AGAIN_WITHIN.toSeconds(), TimeUnit.SECONDS);
        } finally {
            device.close().get(10, TimeUnit.SECONDS);
        }
    }

    /** An attempt to use a front end, which throws while it does not serve. */
    private interface Attempt {
        void run() throws Exception;
    }

    /** Returns the seconds from {@code since} until {@code attempt} first succeeds, retrying for up to a minute. */
    private static double secondsUntil(long since, Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + SERVE_AGAIN_WITHIN.toNanos();
        while (true) {
            try {
                attempt.run();
                return (System.nanoTime() - since) / 1e9;
            } catch (Exception e) {
                assertThat(System.nanoTime()).as("serving again within %s; last failure: %s", SERVE_AGAIN_WITHIN, e)
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** Waits until the process holds at least {@code count} descriptors: it has run out of them. */
    private static void awaitDescriptors(long pid, int count) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (descriptors(pid) < count) {
            assertThat(System.nanoTime()).as("the emulator holds %d descriptors", count).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private static int descriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    private static boolean prlimitWorks() {
        try {
            return new ProcessBuilder("prlimit", "--version").redirectErrorStream(true).start().waitFor() == 0
                    && Files.isDirectory(Path.of("/proc/self/fd"));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void prlimit(long pid, int descriptors) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("prlimit", "--pid", Long.toString(pid),
                "--nofile=" + descriptors + ":" + descriptors).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("prlimit: %s", output).isZero();
    }
}
