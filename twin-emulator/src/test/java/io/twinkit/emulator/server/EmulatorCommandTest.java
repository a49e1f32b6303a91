package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void logTelemetryPrintsOneLinePerMessageADeviceSends() throws Exception {
        AtomicReference<Runnable> stop = new AtomicReference<>();
        List<String> logged = new ArrayList<>();
        EmulatorCommand.Lifecycle lifecycle = new EmulatorCommand.Lifecycle() {
            @Override
            public void onStopRequest(Runnable action) {
                stop.set(action);
            }

            @Override
            public void awaitStop() {
                try {
                    JsonObject info = readyInfo(out());
                    String device = ((JsonString) info.get("devices").orElseThrow().asObject().get("dev1")
                            .orElseThrow()).value();
                    int wsPort = (int) ((JsonNumber) info.get("mqttWsPort").orElseThrow()).longValue();
                    DeviceClient client = new DeviceClient(device + ";GatewayHostName=localhost:" + wsPort,
                            IotHubClientProtocol.MQTT_WS, ClientOptions.builder().sslContext(
                                    EmulatorCertificates.loadOrCreate(dataDirectory).clientSslContext()).build());
                    try {
                        client.open(false);
                        Message message = new Message("{\"temperature\":21.5}");
                        message.setMessageId("m-1");
                        message.setCorrelationId("c-1");
                        message.setContentType("application/json");
                        message.setProperty("alert", "true");
                        client.sendEvent(message);
                    } finally {
                        client.close();
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (logged.isEmpty() && System.nanoTime() - deadline < 0) {
                        err().lines().filter(l -> l.startsWith("twinkit-emulator: telemetry #")).forEach(logged::add);
                        Thread.onSpinWait();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    stop.get().run();
                }
            }
        };
        assertThat(run(lifecycle, "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0", "--device", "dev1",
                "--data-dir", dataDirectory.toString(), "--log-telemetry", "--telemetry-journal-size", "5")).isZero();
        assertThat(logged).containsExactly("twinkit-emulator: telemetry #1 from dev1 (20 bytes) {\"message-id\":\"m-1\","
                + "\"correlation-id\":\"c-1\",\"content-type\":\"application/json\"} {\"alert\":\"true\"} \"{\\\"temperature\\\":21.5}\"");
        assertThat(out().lines()).as("standard output keeps its one line").hasSize(1);
    }

    @Test
    void logRequestsPrintsOneLinePerRequestOnStandardError() throws Exception {
        AtomicReference<Runnable> stop = new AtomicReference<>();
        List<String> logged = new ArrayList<>();
        EmulatorCommand.Lifecycle lifecycle = new EmulatorCommand.Lifecycle() {
            @Override
            public void onStopRequest(Runnable action) {
                stop.set(action);
            }

            @Override
            public void awaitStop() {
                try {
                    JsonObject info = readyInfo(out());
                    int httpsPort = (int) ((JsonNumber) info.get("httpsPort").orElseThrow()).longValue();
                    HttpResponse<String> health = HttpClient.newBuilder().sslContext(EmulatorCertificates
                                    .loadOrCreate(dataDirectory).clientSslContext()).build()
                            .send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort
                                    + "/twinkit/health")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(health.statusCode()).isEqualTo(200);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (logged.isEmpty() && System.nanoTime() - deadline < 0) {
                        err().lines().filter(l -> l.startsWith("twinkit-emulator: HTTPS ")).forEach(logged::add);
                        Thread.onSpinWait();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    stop.get().run();
                }
            }
        };
        assertThat(run(lifecycle, "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0",
                "--data-dir", dataDirectory.toString(), "--log-requests")).isZero();
        assertThat(logged).singleElement().asString().matches("twinkit-emulator: HTTPS GET /twinkit/health 200 \\d+ms");
        assertThat(out().lines()).as("standard output keeps its one line").hasSize(1);
    }

    @Test
    void aTelemetryLineIsOneLineWhateverTheMessageHolds() {
        TelemetryMessage binary = TelemetryMessage.builder(7, TwinKey.module("d", "m"), Instant.EPOCH)
                .body(new byte[] {(byte) 0xFF, 0, 1})
                .systemProperty(TelemetryMessage.CONNECTION_DEVICE_ID, "d")
                .systemProperty(TelemetryMessage.CORRELATION_ID, "c\nd")
                .applicationProperty("k\r", "v\n")
                .build();
        assertThat(EmulatorCommand.telemetryLine(binary)).isEqualTo("twinkit-emulator: telemetry #7 from d/m (3 bytes)"
                + " {\"correlation-id\":\"c\\nd\"} {\"k\\r\":\"v\\n\"} \"base64:/wAB\"");

        TelemetryMessage longText = TelemetryMessage.builder(8, TwinKey.device("d"), Instant.EPOCH)
                .body("line\n".repeat(200).getBytes(StandardCharsets.UTF_8)).build();
        String line = EmulatorCommand.telemetryLine(longText);
        assertThat(line).doesNotContain("\n").endsWith("…\"");
        assertThat(line).contains("(1000 bytes) {} {} \"" + "line\\n".repeat(102) + "li…\"");
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
