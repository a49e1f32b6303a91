package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.RES;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of a hub with a data directory wait for the store on threads of their own, not the connections' few: they
 * answer on the connection's executor, a device's reports still apply and answer in the order it sent them, and a
 * backlog beyond its bound is refused with 429 and changes nothing.
 */
class MqttDurableReportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDirectory;

    @Test
    void aDurableReportRunsOnAReportThreadAndAnswersOnTheGivenExecutor() throws Exception {
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dataDirectory).build())) {
            TwinKey key = TwinKey.device("d1");
            hub.registry().createDevice(key.deviceId());
            TwinRequests requests = new TwinRequests(hub);
            try {
                assertThat(requests.reportsWait()).isTrue();
                LinkedBlockingQueue<String> answeredOn = new LinkedBlockingQueue<>();
                List<TwinRequests.Response> responses = Collections.synchronizedList(new ArrayList<>());
                Executor connection = task -> {
                    task.run();
                    answeredOn.add(Thread.currentThread().getName());
                };
                requests.reportLater(key, null, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), connection,
                        responses::add);
                assertThat(answeredOn.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("twinkit-mqtt-report-");
                assertThat(responses).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(204);
                    assertThat(r.version()).isEqualTo(2L);
                });
                assertThat(hub.twins().get(key).reported().toJson().valueOrNull("n")).isEqualTo(number(1));
            } finally {
                requests.close();
            }
        }
    }

    @Test
    void inMemoryReportsStayOnTheConnectionsThread() {
        try (IotHub hub = IotHub.create()) {
            TwinRequests requests = new TwinRequests(hub);
            assertThat(requests.reportsWait()).isFalse();
            assertThatThrownBy(() -> requests.reportLater(TwinKey.device("d1"), null, new byte[0], Runnable::run,
                    r -> { })).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aBacklogBeyondItsBoundIsRefusedWith429AndChangesNothing() throws Exception {
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dataDirectory).build())) {
            TwinKey key = TwinKey.device("d1");
            hub.registry().createDevice(key.deviceId());
            TwinRequests requests = new TwinRequests(hub, 1, 1);
            CountDownLatch release = new CountDownLatch(1);
            List<TwinRequests.Response> responses = new ArrayList<>();
            try {
                // the one report thread is held by the first answer, the second report waits for it
                Executor held = task -> {
                    try {
                        release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    synchronized (responses) {
                        task.run();
                    }
                };
                requests.reportLater(key, null, bytes("{\"n\":1}"), held, r -> responses.add(r));
                requests.reportLater(key, null, bytes("{\"n\":2}"), held, r -> responses.add(r));
                List<TwinRequests.Response> refused = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                // the first report may still be waiting for the thread to start: retry until the backlog is full
                while (refused.isEmpty() && System.nanoTime() < deadline) {
                    requests.reportLater(key, null, bytes("{\"refused\":true}"), held, refused::add);
                }
                assertThat(refused).singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo(429);
                    assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                            .contains("429002", "wait for the hub's store (1)");
                });
                release.countDown();
                long end = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < end) {
                    synchronized (responses) {
                        if (responses.size() == 2) {
                            break;
                        }
                    }
                    Thread.sleep(1);
                }
                synchronized (responses) {
                    assertThat(responses).extracting(TwinRequests.Response::status).containsExactly(204, 204);
                }
                JsonObject reported = hub.twins().get(key).reported().toJson();
                assertThat(reported.valueOrNull("n")).isEqualTo(number(2));
                assertThat(reported.valueOrNull("refused")).isNull();
            } finally {
                release.countDown();
                requests.close();
            }
        }
    }

    @Test
    void aDevicesPipelinedReportsOverTlsApplyAndAnswerInTheOrderItSentThem() throws Exception {
        EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(null);
        try (IotHub hub = IotHub.create(HubOptions.builder().dataDirectory(dataDirectory).build())) {
            TwinKey key = TwinKey.device("ordered");
            hub.registry().createDevice(key.deviceId());
            MqttDeviceServer server = MqttDeviceServer.start(hub, certificates,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
            try (RawMqttClient client = new RawMqttClient(certificates.clientSslContext(), server.tlsPort())) {
                String token = SharedAccessSignature.create(
                        hub.registry().get(key).authentication().symmetricKey().primaryKey(),
                        "127.0.0.1/devices/ordered", Instant.now().getEpochSecond() + 3600, null);
                assertThat(client.connect("ordered", "127.0.0.1/ordered/?api-version=2020-09-30", token, 60))
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                client.subscribe(RES);
                int reports = 30;
                for (int i = 1; i <= reports; i++) {
                    client.publish("$iothub/twin/PATCH/properties/reported/?$rid=" + i, "{\"n\":" + i + "}");
                }
                client.publish("$iothub/twin/GET/?$rid=get", "");
                for (int i = 1; i <= reports; i++) {
                    assertThat(client.receivePublish(WAIT).variableHeader().topicName())
                            .isEqualTo("$iothub/twin/res/204/?$rid=" + i + "&$version=" + (i + 1));
                }
                MqttPublishMessage twin = client.receivePublish(WAIT);
                assertThat(twin.variableHeader().topicName()).isEqualTo("$iothub/twin/res/200/?$rid=get");
                assertThat(json(EmbeddedConnection.payload(twin)).valueOrNull("reported"))
                        .isEqualTo(json("{\"n\":" + reports + ",\"$version\":" + (reports + 1) + "}"));
            } finally {
                server.close();
            }
        }
    }

    private static Object number(long value) {
        return JsonObject.builder().put("n", value).build().valueOrNull("n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
