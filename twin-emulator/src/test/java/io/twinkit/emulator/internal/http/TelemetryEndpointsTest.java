package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.internal.telemetry.InboundTelemetry;
import io.twinkit.emulator.internal.telemetry.TelemetryJournal;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator-only telemetry endpoints over real HTTPS: {@code GET /twinkit/telemetry} (JSON pages) and
 * {@code GET /twinkit/telemetry/stream} (server-sent events), their authentication, paging, event format, and what
 * happens to consumers that stop reading or go away.
 */
@Timeout(120)
class TelemetryEndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TwinKey D1 = TwinKey.device("d1");

    private TwinkitEmulator emulator;
    private HttpClient http;

    private void start(HubOptions.Builder options) {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .hubOptions(options.build()).device(DeviceId.of("d1")).build());
        http = HttpClient.newBuilder().sslContext(emulator.clientSslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(WAIT).build();
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aPageHoldsWhatTheDeviceSdkSentAsJsonAndPagesOnBySequenceNumber() throws Exception {
        start(HubOptions.builder());
        String key = emulator.hub().registry().getDevice(DeviceId.of("d1")).authentication().symmetricKey()
                .primaryKey();
        DeviceClient device = new DeviceClient("HostName=127.0.0.1;DeviceId=d1;SharedAccessKey=" + key
                + ";GatewayHostName=localhost:" + emulator.mqttWsPort(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(emulator.clientSslContext()).build());
        try {
            device.open(false);
            for (int i = 1; i <= 3; i++) {
                Message message = new Message("{\"reading\":" + i + "}");
                message.setMessageId("r" + i);
                message.setContentType("application/json");
                message.setProperty("zone", "zone à " + i);
                device.sendEvent(message);
            }
        } finally {
            device.close();
        }

        HttpResponse<String> first = get("/twinkit/telemetry?since=0&max=2", ownerToken());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonObject page = JsonValue.parseObject(first.body());
        JsonArray messages = page.valueOrNull("messages").asArray();
        assertThat(messages.size()).isEqualTo(2);
        List<TelemetryMessage> journal = emulator.hub().telemetry().messages();
        assertThat(TelemetryMessage.fromJson(messages.get(0).asObject())).isEqualTo(journal.get(0));
        assertThat(TelemetryMessage.fromJson(messages.get(1).asObject())).isEqualTo(journal.get(1));
        JsonObject item = messages.get(0).asObject();
        assertThat(item.valueOrNull("deviceId")).isEqualTo(JsonValue.of("d1"));
        assertThat(item.valueOrNull("bodyText")).isEqualTo(JsonValue.of("{\"reading\":1}"));
        assertThat(item.valueOrNull("systemProperties").asObject().valueOrNull("message-id"))
                .isEqualTo(JsonValue.of("r1"));
        assertThat(item.valueOrNull("applicationProperties"))
                .isEqualTo(JsonObject.of("zone", JsonValue.of("zone à 1")));
        assertThat(page.valueOrNull("next")).isEqualTo(JsonValue.of(2));
        assertThat(page.valueOrNull("hasMore")).isEqualTo(JsonValue.of(true));
        assertThat(page.valueOrNull("lastSequenceNumber")).isEqualTo(JsonValue.of(3));
        assertThat(page.valueOrNull("droppedCount")).isEqualTo(JsonValue.of(0));
        assertThat(page.valueOrNull("skipped")).isEqualTo(JsonValue.of(0));

        JsonObject second = JsonValue.parseObject(get("/twinkit/telemetry?since=2", ownerToken()).body());
        assertThat(second.valueOrNull("messages").asArray()).extracting(m -> m.asObject()
                .valueOrNull("sequenceNumber")).containsExactly(JsonValue.of(3));
        assertThat(second.valueOrNull("hasMore")).isEqualTo(JsonValue.of(false));
        JsonObject none = JsonValue.parseObject(get("/twinkit/telemetry?since=3", ownerToken()).body());
        assertThat(none.valueOrNull("messages").asArray().size()).isZero();
        assertThat(none.valueOrNull("next")).isEqualTo(JsonValue.of(3));
    }

    @Test
    void bothEndpointsNeedAHubLevelTokenWithServiceConnectAndAreCheckedLikeEveryRoute() throws Exception {
        start(HubOptions.builder());
        SharedAccessPolicy registryRead = emulator.hub().registry().policy("registryRead").orElseThrow();
        SharedAccessPolicy service = emulator.hub().registry().policy("service").orElseThrow();
        String readOnly = SharedAccessSignature.create(registryRead.primaryKey(), "localhost", inAnHour(),
                "registryRead");
        String deviceScoped = SharedAccessSignature.create(service.primaryKey(), "localhost/devices/d1", inAnHour(),
                "service");
        String expired = SharedAccessSignature.create(service.primaryKey(), "localhost", 1_000_000_000L, "service");
        String serviceToken = SharedAccessSignature.create(service.primaryKey(), "localhost", inAnHour(), "service");

        for (String path : List.of("/twinkit/telemetry", "/twinkit/telemetry/stream")) {
            assertError(get(path, null), 401, "IotHubUnauthorizedAccess");
            assertError(get(path, "SharedAccessSignature sr=localhost&sig=bad&se=9999999999&skn=service"), 401,
                    "IotHubUnauthorizedAccess");
            assertError(get(path, expired), 401, "IotHubUnauthorizedAccess");
            assertError(get(path, deviceScoped), 401, "IotHubUnauthorizedAccess");
            assertError(get(path, readOnly), 403, "IotHubUnauthorizedAccess");
            assertError(get(path + "?since=-1", null), 401, "IotHubUnauthorizedAccess");
            assertError(get(path + "?since=-1", serviceToken), 400, "ArgumentInvalid");
            assertError(send("DELETE", path, null), 401, "IotHubUnauthorizedAccess");
            assertError(send("DELETE", path, serviceToken), 405, "MethodNotAllowed");
        }
        assertError(get("/twinkit/telemetry?max=1001", serviceToken), 400, "ArgumentInvalid");
        assertError(get("/twinkit/telemetry?max=0", serviceToken), 400, "ArgumentInvalid");
        assertError(get("/twinkit/other", serviceToken), 404, "NotFound");
        assertThat(get("/twinkit/telemetry?since=0&max=1000", serviceToken).statusCode()).isEqualTo(200);
        try (SseClient stream = new SseClient(emulator.clientSslContext(), emulator.httpsPort(),
                "/twinkit/telemetry/stream", Map.of("Authorization", serviceToken))) {
            assertThat(stream.status()).isEqualTo(200);
        }
    }

    @Test
    void aPageTellsWhatTheJournalDroppedAndStopsAfterFourMebibytes() throws Exception {
        start(HubOptions.builder().telemetryJournalSize(20));
        TelemetryJournal journal = TelemetryJournal.of(emulator.hub());
        byte[] big = new byte[250 * 1024];
        Arrays.fill(big, (byte) 0xFF);
        for (int i = 0; i < 22; i++) {
            journal.append(new InboundTelemetry(D1, Map.of(), Map.of(), big, "g", null));
        }

        JsonObject page = JsonValue.parseObject(get("/twinkit/telemetry?max=1000", ownerToken()).body());
        assertThat(page.valueOrNull("droppedCount")).isEqualTo(JsonValue.of(2));
        assertThat(page.valueOrNull("skipped")).isEqualTo(JsonValue.of(2));
        int served = page.valueOrNull("messages").asArray().size();
        assertThat(served).as("each message is about 340 KB of base64, the page stops past 4 MiB").isBetween(12, 13);
        assertThat(page.valueOrNull("hasMore")).isEqualTo(JsonValue.of(true));
        assertThat(page.valueOrNull("next")).isEqualTo(JsonValue.of(2 + served));
    }

    @Test
    void aStreamSendsEachNewMessageAsAnEventWithItsSequenceNumberAsId() throws Exception {
        start(HubOptions.builder());
        TelemetryJournal journal = TelemetryJournal.of(emulator.hub());
        journal.append(inbound("before the stream"));
        try (SseClient stream = stream("/twinkit/telemetry/stream", Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
            assertThat(stream.header("cache-control")).isEqualTo("no-cache");
            assertThat(stream.next(WAIT)).as("the opening comment").isEqualTo(
                    new SseClient.Event(null, ":", "twinkit telemetry after #1"));

            TelemetryMessage sent = journal.append(new InboundTelemetry(D1, Map.of(TelemetryMessage.MESSAGE_ID, "x"),
                    Map.of("line", "one\ntwo"), "événement".getBytes(StandardCharsets.UTF_8), "g", null));
            SseClient.Event event = stream.nextEvent(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.id()).isEqualTo("2");
            assertThat(event.event()).isEqualTo("telemetry");
            assertThat(TelemetryMessage.fromJson(JsonValue.parseObject(event.data()))).isEqualTo(sent);

            journal.append(inbound("next"));
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("3");
        }
    }

    @Test
    void aStreamStartsAfterSinceOrTheLastEventIdAndAnnouncesWhatTheJournalDropped() throws Exception {
        start(HubOptions.builder().telemetryJournalSize(3));
        TelemetryJournal journal = TelemetryJournal.of(emulator.hub());
        for (int i = 1; i <= 5; i++) {
            journal.append(inbound("m" + i));
        }
        try (SseClient stream = stream("/twinkit/telemetry/stream?since=3", Map.of())) {
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("4");
            assertThat(stream.nextEvent(WAIT).id()).isEqualTo("5");
        }
        try (SseClient reconnect = stream("/twinkit/telemetry/stream?since=1", Map.of("Last-Event-ID", "4"))) {
            assertThat(reconnect.nextEvent(WAIT).id()).isEqualTo("5");
        }
        try (SseClient all = stream("/twinkit/telemetry/stream?since=0", Map.of())) {
            SseClient.Event skipped = all.nextEvent(WAIT);
            assertThat(skipped.event()).isEqualTo("skipped");
            assertThat(JsonValue.parseObject(skipped.data()))
                    .isEqualTo(JsonValue.parseObject("{\"skipped\":2,\"after\":0}"));
            assertThat(List.of(all.nextEvent(WAIT).id(), all.nextEvent(WAIT).id(), all.nextEvent(WAIT).id()))
                    .containsExactly("3", "4", "5");
        }
    }

    @Test
    void aConsumerThatStopsReadingIsDroppedWithALastEventAndTheConnectionClosed() throws Exception {
        start(HubOptions.builder());
        TelemetryJournal journal = TelemetryJournal.of(emulator.hub());
        try (SseClient stream = stream("/twinkit/telemetry/stream", Map.of(), 16 * 1024)) {
            assertThat(stream.next(WAIT)).isNotNull();
            // the consumer reads nothing more: the socket buffers fill, then the server's, then it falls behind
            byte[] body = new byte[4 * 1024];
            Arrays.fill(body, (byte) 0xFF);
            for (int i = 0; i < 5 * TelemetryStream.MAX_BEHIND; i++) {
                journal.append(new InboundTelemetry(D1, Map.of(), Map.of(), body, "g", null));
            }

            List<SseClient.Event> events = stream.readToEnd(Duration.ofSeconds(60));
            assertThat(stream.ended()).as("the server ended the stream").isTrue();
            SseClient.Event last = events.get(events.size() - 1);
            assertThat(last.event()).isEqualTo("dropped");
            JsonObject reason = JsonValue.parseObject(last.data());
            assertThat(reason.valueOrNull("reason").asString()).contains("stopped reading");
            long lastSent = reason.valueOrNull("lastSent").asNumber().longValue();
            assertThat(events.stream().filter(e -> e.event().equals("telemetry")).toList())
                    .as("every event before the drop, in order, up to the last one sent")
                    .extracting(e -> Long.parseLong(e.id())).isEqualTo(sequence(1, lastSent));
            assertThat(reason.valueOrNull("lastSequenceNumber").asNumber().longValue() - lastSent)
                    .isGreaterThan(TelemetryStream.MAX_BEHIND);
        }
    }

    @Test
    void streamsAreBoundedAndAClosedConsumerFreesItsPlace() throws Exception {
        start(HubOptions.builder());
        List<SseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < TelemetryEndpoint.MAX_STREAMS; i++) {
                SseClient stream = stream("/twinkit/telemetry/stream", Map.of());
                streams.add(stream);
                assertThat(stream.status()).isEqualTo(200);
            }
            try (SseClient refused = stream("/twinkit/telemetry/stream", Map.of())) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.body()).contains("ServiceUnavailable");
            }
            streams.remove(0).close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            int status = 0;
            while (System.nanoTime() - deadline < 0) {
                try (SseClient again = stream("/twinkit/telemetry/stream", Map.of())) {
                    status = again.status();
                }
                if (status == 200) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(status).as("the closed consumer's place is free again").isEqualTo(200);
        } finally {
            for (SseClient stream : streams) {
                stream.close();
            }
        }
    }

    private static List<Long> sequence(long from, long to) {
        List<Long> numbers = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    private static InboundTelemetry inbound(String body) {
        return new InboundTelemetry(D1, Map.of(), Map.of(), body.getBytes(StandardCharsets.UTF_8), "g", null);
    }

    private SseClient stream(String target, Map<String, String> headers) throws IOException {
        return stream(target, headers, 0);
    }

    private SseClient stream(String target, Map<String, String> headers, int receiveBuffer) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", ownerToken());
        return new SseClient(emulator.clientSslContext(), emulator.httpsPort(), target, all, receiveBuffer);
    }

    private String ownerToken() {
        return SharedAccessSignature.create(emulator.hub().registry().policy("iothubowner").orElseThrow()
                .primaryKey(), "localhost", inAnHour(), "iothubowner");
    }

    private static long inAnHour() {
        return Instant.now().getEpochSecond() + 3600;
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, authorization);
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + emulator.httpsPort()
                + path)).timeout(WAIT).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String name) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("iothub-errorcode")).as(response.uri().toString()).hasValue(name);
    }
}
