package io.twinkit;

import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.field;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Condition;
import io.twinkit.service.DeviceConfiguration;
import io.twinkit.service.DeviceJob;
import io.twinkit.service.TwinJob;
import io.twinkit.service.TwinJobOptions;
import io.twinkit.service.TwinJobStatistics;
import io.twinkit.service.TwinJobStatus;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import io.twinkit.service.UpdateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the example of the README's "The fleet at once" section, statement for statement, on an emulator with three
 * devices in plant Redmond43 and one elsewhere; and checks that every statement of the README's example is one of
 * this test's.
 */
@Timeout(60)
class ReadmeFleetExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src", "test", "java", "io", "twinkit",
            "ReadmeFleetExampleTest.java");
    private static final String SECTION = "## The fleet at once";

    record Telemetry(int interval) {
    }

    record TelemetrySettings(Telemetry telemetry) {
    }

    record Firmware(String version) {
    }

    record FirmwareSettings(Firmware firmware) {
    }

    @Test
    void theReadmeExampleAppliesAConfigurationAndRunsAJobOverThePlant() {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0)
                .mqttWsPort(0).build())) {
            IotHub hub = emulator.hub();
            for (String device : List.of("r1", "r2", "r3", "a1")) {
                hub.registry().createDevice(TwinKey.device(device).deviceId());
                hub.twins().update(TwinKey.device(device), JsonValue.parseObject("{\"tags\":{\"location\":{\"plant\":\""
                        + (device.startsWith("r") ? "Redmond43" : "Austin7") + "\"}}}"), null);
            }
            String readyLine = "TWINKIT-EMULATOR-READY " + emulator.readyInfo();
            List<TwinJobStatistics> seen = new ArrayList<>();

            try (TwinServiceClient backEnd = TwinServiceClient.builder().emulatorReadyLine(readyLine).build()) {
                Condition inRedmond = tag("location.plant").eq("Redmond43");

                DeviceConfiguration telemetry = DeviceConfiguration.builder("telemetry-redmond43")
                        .priority(10)
                        .targetCondition(inRedmond)
                        .deviceContentFrom(new TelemetrySettings(new Telemetry(30)))
                        .metric("onFirmware2", select(deviceId()).fromDevices()
                                .where(inRedmond.and(desired("firmware.version").eq("2.0.0"))))
                        .build();
                DeviceConfiguration created = backEnd.configurations().create(telemetry);
                DeviceConfiguration applied = backEnd.configurations().awaitApplied(created.id(), 3, Duration.ofMinutes(10));
                DeviceConfiguration raised = backEnd.configurations().update(created.toBuilder().priority(20).build(),
                        UpdateOptions.defaults().ifMatch(created.etag().orElseThrow()));

                TwinJob job = backEnd.jobs().scheduleTwinUpdate(inRedmond,
                        TwinPatch.desiredChange(Map.of(), new FirmwareSettings(new Firmware("2.0.0"))), TwinJobOptions.defaults());
                TwinJob done = job.await(Duration.ofMinutes(5), progress -> seen.add(progress.statistics()));
                List<DeviceJob> failed = backEnd.jobs().deviceJobs(selectAll().fromJobs()
                        .where(field("jobId").eq(job.id()).and(field("status").eq("failed")))).toList();

                assertThat(applied.targetedCount()).isEqualTo(3);
                assertThat(applied.appliedCount()).isEqualTo(3);
                assertThat(raised.priority()).isEqualTo(20);
                assertThat(raised.etag()).isNotEqualTo(created.etag());
                assertThat(done.status()).isEqualTo(TwinJobStatus.COMPLETED);
                assertThat(done.statistics()).isEqualTo(new TwinJobStatistics(3, 3, 0, 0, 0));
                assertThat(seen).last().isEqualTo(done.statistics());
                assertThat(failed).isEmpty();
                assertThat(backEnd.configurations().awaitApplied(created.id(),
                        configuration -> configuration.metricResults().getOrDefault("onFirmware2", 0L) == 3,
                        Duration.ofSeconds(10)).metricResults()).containsEntry("onFirmware2", 3L);
            }
            for (String device : List.of("r1", "r2", "r3")) {
                assertThat(hub.twins().get(TwinKey.device(device)).desired().properties().toJson())
                        .isEqualTo(JsonValue.parse("{\"telemetry\":{\"interval\":30},\"firmware\":{\"version\":\"2.0.0\"}}"));
            }
            assertThat(hub.twins().get(TwinKey.device("a1")).desired().properties().isEmpty()).isTrue();
        }
    }

    @Test
    void everyStatementOfTheReadmeExampleIsOneOfThisTest() throws IOException {
        String readme = Files.readString(README);
        int section = readme.indexOf(SECTION);
        assertThat(section).as("the README's section " + SECTION).isNotNegative();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String example = readme.substring(start, readme.indexOf("\n```", start));
        Set<String> statements = Files.readAllLines(SOURCE).stream().map(ReadmeFleetExampleTest::code)
                .collect(Collectors.toSet());

        List<String> readmeStatements = example.lines().map(ReadmeFleetExampleTest::code)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.equals("}")).toList();

        assertThat(readmeStatements).hasSizeGreaterThan(15);
        assertThat(readmeStatements).as("statements of the README's example that this test does not run")
                .allMatch(statements::contains);
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
