package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.TelemetryMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct method and telemetry benchmarks do what they claim, on free ports (never 8883). */
@Timeout(120)
class MethodAndTelemetryBenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {"netty", "sdk"})
    void eachRoundTripIsAnsweredByTheDeviceWithItsResult(String device) throws Exception {
        MethodRoundTripBenchmark benchmark = new MethodRoundTripBenchmark();
        benchmark.device = device;
        benchmark.setUp();
        try {
            for (int i = 0; i < 3; i++) {
                assertThat(benchmark.invoke()).isEqualTo(JsonValue.parseObject(
                        "{\"status\":200,\"payload\":{\"version\":\"2.0.0\",\"state\":\"downloading\"}}"));
            }
            if (device.equals("netty")) {
                assertThat(benchmark.answeredByNettyDevice()).isEqualTo(3);
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void everyTelemetryMessageAcknowledgedIsInTheJournalOnceAndEveryDeviceSentItsShare() throws Exception {
        TelemetryThroughputBenchmark benchmark = new TelemetryThroughputBenchmark();
        benchmark.window = 16;
        benchmark.setUp();
        try {
            assertThat(benchmark.sendAndAwaitAcks()).isEqualTo(TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION);
            assertThat(benchmark.acknowledged()).isEqualTo(TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION);

            List<TelemetryMessage> journal = benchmark.emulator().hub().telemetry().messages();
            assertThat(benchmark.emulator().hub().telemetry().droppedCount()).isZero();
            assertThat(journal).hasSize(TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION);
            Map<String, List<String>> seqsByDevice = journal.stream().collect(Collectors.groupingBy(
                    m -> m.deviceId().value(), Collectors.mapping(m -> m.applicationProperties().get("seq"),
                            Collectors.toList())));
            assertThat(seqsByDevice).hasSize(TelemetryThroughputBenchmark.DEVICES);
            List<String> expected = java.util.stream.IntStream.rangeClosed(1,
                    TelemetryThroughputBenchmark.MESSAGES_PER_DEVICE).mapToObj(Integer::toString).toList();
            seqsByDevice.forEach((device, seqs) -> assertThat(seqs).as(device).isEqualTo(expected));
            TelemetryMessage first = journal.get(0);
            assertThat(first.contentType()).contains("application/json");
            assertThat(JsonValue.parseObject(first.body())).isInstanceOf(JsonObject.class);

            // a second invocation numbers on: 51..100 from every device
            assertThat(benchmark.sendAndAwaitAcks()).isEqualTo(TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION);
            assertThat(benchmark.emulator().hub().telemetry().lastSequenceNumber())
                    .isEqualTo(2L * TelemetryThroughputBenchmark.MESSAGES_PER_INVOCATION);
        } finally {
            benchmark.tearDown();
        }
    }
}
