package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's flow in-process: usage and exit statuses, the one READY line, closing on a stop request. */
@Timeout(60)
class EmulatorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dataDirectory;

    private int run(EmulatorCommand.Lifecycle lifecycle, String... args) {
        return EmulatorCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), lifecycle);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsageOnStandardError() {
        assertThat(run(new NeverStarted(), "--https-port", "eighty")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("twinkit-emulator: option --https-port needs a port number")
                .endsWith(CommandLine.USAGE);
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        assertThat(run(new NeverStarted(), "--help")).isZero();
        assertThat(out()).isEqualTo(CommandLine.USAGE);
        assertThat(err()).isEmpty();
    }

    @Test
    void aTakenPortExitsWithOneAndSaysWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(run(new NeverStarted(), "--https-port", String.valueOf(taken.getLocalPort()), "--mqtt-port",
                    "0", "--mqtt-ws-port", "0")).isEqualTo(1);
        }
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("twinkit-emulator: cannot start: ").contains("cannot listen on");
    }

    @Test
    void readyPrintsOneJsonLineThenServesUntilTheStopRequestClosesEverything() throws Exception {
        AtomicReference<Runnable> stop = new AtomicReference<>();
        List<Integer> ports = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        EmulatorCommand.Lifecycle lifecycle = new EmulatorCommand.Lifecycle() {
            @Override
            public void onStopRequest(Runnable action) {
                assertThat(out()).as("the stop action is registered before the announcement").isEmpty();
                stop.set(action);
            }

            @Override
            public void awaitStop() {
                try {
                    JsonObject info = readyInfo(out());
                    for (String port : List.of("httpsPort", "mqttPort", "mqttWsPort")) {
                        ports.add((int) ((JsonNumber) info.get(port).orElseThrow()).longValue());
                    }
                    String key = ServiceProbe.sharedAccessKey(
                            ((JsonString) info.get("serviceConnectionString").orElseThrow()).value());
                    statuses.add(ServiceProbe.getTwin(EmulatorCertificates.loadOrCreate(dataDirectory)
                            .clientSslContext(), ports.get(0), "dev1", ServiceProbe.ownerToken(key)).status());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                stop.get().run();
                assertThat(ports).allMatch(ServiceProbe::isFree);
            }
        };
        assertThat(run(lifecycle, "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0", "--device", "dev1",
                "--data-dir", dataDirectory.toString(), "--hub-name", "cli-hub")).isZero();
        assertThat(statuses).containsExactly(200);
        assertThat(ports).hasSize(3).allMatch(ServiceProbe::isFree);
        assertThat(out().lines()).singleElement().asString().startsWith(EmulatorCommand.READY_PREFIX + "{");
        assertThat(readyInfo(out()).get("hubName")).contains(JsonString.of("cli-hub"));
        assertThat(err()).contains("twinkit-emulator: hub cli-hub ready: HTTPS on localhost:" + ports.get(0));
    }

    private static JsonObject readyInfo(String out) {
        String line = out.lines().findFirst().orElseThrow();
        assertThat(line).startsWith(EmulatorCommand.READY_PREFIX);
        return JsonValue.parseObject(line.substring(EmulatorCommand.READY_PREFIX.length()));
    }

    /** A lifecycle for runs that must end before the emulator starts. */
    private static final class NeverStarted implements EmulatorCommand.Lifecycle {
        @Override
        public void onStopRequest(Runnable stop) {
            throw new AssertionError("the emulator started");
        }

        @Override
        public void awaitStop() {
            throw new AssertionError("the emulator started");
        }
    }
}
