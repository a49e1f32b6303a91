package io.twinkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.DeviceNotOnlineException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.device.ConnectionState;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.MethodResponse;
import io.twinkit.device.Transport;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.MethodInvokeOptions;
import io.twinkit.service.MethodResult;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the example of the README's "The whole device app" section, statement for statement, on an embedded emulator
 * over MQTT over WebSocket; and checks that every statement of the README's example is one of this test's.
 */
@Timeout(60)
class ReadmeDeviceAppExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "twinkit",
            "ReadmeDeviceAppExampleTest.java");
    private static final String SECTION = "## The whole device app";

    record Settings(Integer interval) {
    }

    record Target(double celsius) {
    }

    record Accepted(double target, String mode) {
    }

    record Reading(double temperature) {
    }

    record Reported(String firmware, String state) {
    }

    /** The device's own logic, as the README's example calls it. */
    private static final class Thermostat {
        final AtomicInteger interval = new AtomicInteger(60);
        volatile double target = 20.0;

        Accepted setTarget(double celsius) {
            target = celsius;
            return new Accepted(celsius, celsius > 25 ? "boost" : "normal");
        }

        void setInterval(Integer seconds) {
            if (seconds != null) {
                interval.set(seconds);
            }
        }
    }

    @Test
    void theReadmeExampleRunsAWholeDeviceAppAndItsBackEnd() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("thermostat-1")).build())) {
            String readyLine = "TWINKIT-EMULATOR-READY " + emulator.readyInfo();
            Thermostat thermostat = new Thermostat();
            List<String> log = new CopyOnWriteArrayList<>();
            long mark = emulator.hub().telemetry().lastSequenceNumber();
            String[] logRead;

            try (DeviceConnection device = DeviceConnection.builder().emulatorReadyLine(readyLine, "thermostat-1")
                    .transport(Transport.MQTT_WEBSOCKET).methodTimeout(Duration.ofSeconds(10)).build();
                 TwinServiceClient backEnd = TwinServiceClient.builder().emulatorReadyLine(readyLine).build()) {
                device.addConnectionStatusListener((status, previous) -> log.add(status.state() + " " + status.reason()));
                device.addDesiredListener(Settings.class, (settings, update) -> thermostat.setInterval(settings.interval()));
                device.onMethod("setTarget", Target.class, target -> thermostat.setTarget(target.celsius()));
                device.onMethod("getLog", request -> MethodResponse.ok(log));
                device.open();

                CompletableFuture<Void> sent = device.send(new Reading(21.5), Map.of("alert", "false"));
                device.report(new Reported("1.4.2", "heating"));
                sent.join();

                TwinKey id = TwinKey.device("thermostat-1");
                MethodResult result = backEnd.methods().invoke(id, "setTarget", new Target(22.5),
                        MethodInvokeOptions.defaults().responseTimeout(Duration.ofSeconds(10)));
                Accepted accepted = result.payloadAs(Accepted.class);
                MethodResult other = backEnd.methods().invoke(id, "selfDestruct", null, MethodInvokeOptions.defaults());
                backEnd.update(id, TwinPatch.desiredChange(Map.of(), new Settings(30)));

                assertThat(result.status()).isEqualTo(200);
                assertThat(accepted).isEqualTo(new Accepted(22.5, "normal"));
                assertThat(other.status()).isEqualTo(501);
                assertThat(device.connectionStatus().state()).isEqualTo(ConnectionState.CONNECTED);
                logRead = backEnd.methods().invoke(id, "getLog", null, MethodInvokeOptions.defaults())
                        .payloadAs(String[].class);
                awaitInterval(thermostat, 30);
            }

            assertThat(thermostat.target).isEqualTo(22.5);
            assertThat(logRead).containsExactly("CONNECTED CONNECTION_OK");
            assertThat(log).containsExactly("CONNECTED CONNECTION_OK", "DISCONNECTED CLIENT_CLOSED");
            var telemetry = emulator.hub().telemetry().poll(mark, 10).messages();
            assertThat(telemetry).singleElement().satisfies(message -> {
                assertThat(JsonValue.parse(message.body())).isEqualTo(JsonValue.parse("{\"temperature\":21.5}"));
                assertThat(message.applicationProperties()).containsExactly(Map.entry("alert", "false"));
                assertThat(message.contentType()).hasValue("application/json");
            });
            assertThat(emulator.hub().twins().get(TwinKey.device("thermostat-1")).reported().properties().toJson())
                    .isEqualTo(JsonValue.parse("{\"firmware\":\"1.4.2\",\"state\":\"heating\"}"));
        }
    }

    @Test
    void aDeviceThatIsNotConnectedIsDeviceNotOnline() {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("thermostat-1")).build());
             TwinServiceClient backEnd = TwinServiceClient.builder()
                     .emulatorReadyLine(emulator.readyInfo().toString()).build()) {
            TwinKey id = TwinKey.device("thermostat-1");
            try {
                backEnd.methods().invoke(id, "setTarget", new Target(22.5), MethodInvokeOptions.defaults());
                throw new AssertionError("the device is not connected");
            } catch (DeviceNotOnlineException offline) {
                assertThat(offline.rawErrorCode()).isEqualTo(404103);
            }
        }
    }

    @Test
    void everyStatementOfTheReadmeExampleIsOneOfThisTest() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf(SECTION);
        assertThat(section).as("the README's section " + SECTION).isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("\n```", start));
        Set<String> statements = Files.readAllLines(SOURCE).stream().map(ReadmeDeviceAppExampleTest::code)
                .collect(Collectors.toSet());

        List<String> readmeStatements = example.lines().map(ReadmeDeviceAppExampleTest::code)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.equals("}")).toList();

        assertThat(readmeStatements).hasSizeGreaterThan(15);
        assertThat(readmeStatements).as("statements of the README's example that this test does not run")
                .allMatch(statements::contains);
    }

    private static void awaitInterval(Thermostat thermostat, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (thermostat.interval.get() != seconds) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the device never applied interval " + seconds);
            }
            Thread.sleep(20);
        }
    }

    /** A line without its indentation and trailing comment: {@code x = y;   // why} is {@code x = y;}. */
    private static String code(String line) {
        String trimmed = line.strip();
        if (trimmed.startsWith("//")) {
            return "";
        }
        int comment = trimmed.indexOf("   //");
        return (comment < 0 ? trimmed : trimmed.substring(0, comment)).strip();
    }
}
