package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonNull;
import io.twinkit.emulator.CloudToDeviceMethod;
import io.twinkit.emulator.MethodResult;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EmulatorConfig.Builder#logRequests}: the lines a running emulator logs for real HTTPS requests, MQTT
 * CONNECTs and PUBLISHes over TLS and over a WebSocket on the HTTPS port, without credentials, and one bounded,
 * escaped line for hostile input. Free ports on loopback only; the device SDK goes over MQTT_WS to the HTTPS port.
 */
@Timeout(90)
class EmulatorRequestLogTest {

    private static final DeviceId DEV1 = DeviceId.of("dev1");
    private static final String TWIN_PATCH = "$iothub/twin/PATCH/properties/reported/?$rid=";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private TwinkitEmulator emulator;

    private TwinkitEmulator start(String hubName) {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().hubName(hubName).httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DEV1).logRequests(lines::add).build());
        return emulator;
    }

    @AfterEach
    void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    /** Returns the first line logged from now on (or earlier and not yet taken) that {@code wanted} accepts. */
    private String next(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line " + what + " among " + seen);
    }

    private String nextStartingWith(String prefix) throws InterruptedException {
        return next(line -> line.startsWith(prefix), "starting with '" + prefix + "'");
    }

    private List<String> allLines() {
        lines.drainTo(seen);
        return seen;
    }

    private String ownerKey() {
        return ServiceProbe.sharedAccessKey(emulator.serviceConnectionString());
    }

    private String deviceKey() {
        return emulator.hub().registry().getDevice(DEV1).authentication().symmetricKey().primaryKey();
    }

    private static String signatureOf(String token) {
        for (String part : token.split("&|\\s")) {
            if (part.startsWith("sig=")) {
                return part.substring(4);
            }
        }
        throw new AssertionError("no sig in " + token);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + emulator.httpsPort()
                + path)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newBuilder().sslContext(emulator.clientSslContext()).version(HttpClient.Version.HTTP_1_1)
                .build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachHttpsRequestIsOneLineWithMethodPathStatusTimeAndPolicyAndNoSecret() throws Exception {
        start("log-https");
        String token = ServiceProbe.ownerToken(ownerKey());
        String signature = signatureOf(token);

        assertThat(get("/twins/dev1?api-version=2021-04-12&sig=" + signature, token).statusCode()).isEqualTo(200);
        assertThat(nextStartingWith("HTTPS GET /twins/dev1"))
                .matches("HTTPS GET /twins/dev1\\?api-version=2021-04-12&sig=<redacted> 200 \\d+ms policy=iothubowner");

        assertThat(get("/twins/dev1", null).statusCode()).isEqualTo(401);
        assertThat(nextStartingWith("HTTPS GET /twins/dev1")).matches("HTTPS GET /twins/dev1 401 \\d+ms");

        assertThat(get("/nowhere", token).statusCode()).isEqualTo(404);
        assertThat(nextStartingWith("HTTPS GET /nowhere")).matches("HTTPS GET /nowhere 404 \\d+ms policy=iothubowner");

        assertThat(get("/twinkit/health", null).statusCode()).isEqualTo(200);
        assertThat(nextStartingWith("HTTPS GET /twinkit/health")).matches("HTTPS GET /twinkit/health 200 \\d+ms");

        assertThat(allLines()).hasSize(4).noneMatch(line -> line.contains(signature) || line.contains(ownerKey()));
    }

    @Test
    void eachMqttConnectAndPublishIsOneLineWithItsOutcome() throws Exception {
        start("log-mqtt");
        String token = SharedAccessSignature.create(deviceKey(), "127.0.0.1/devices/dev1",
                Instant.now().getEpochSecond() + 3600, null);
        try (RawMqttClient device = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort())) {
            assertThat(device.connect("dev1", "127.0.0.1/dev1/?api-version=2020-09-30", token, 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(nextStartingWith("MQTT CONNECT")).isEqualTo("MQTT CONNECT dev1 accepted");
            device.subscribe("$iothub/twin/res/#");

            device.publish(TWIN_PATCH + "1", "{\"temp\":20}");
            device.receivePublish(Duration.ofSeconds(10));
            assertThat(nextStartingWith("MQTT PUBLISH")).isEqualTo("MQTT PUBLISH dev1 " + TWIN_PATCH + "1 204");
            device.publish(TWIN_PATCH + "2", "{not json");
            device.receivePublish(Duration.ofSeconds(10));
            assertThat(nextStartingWith("MQTT PUBLISH")).isEqualTo("MQTT PUBLISH dev1 " + TWIN_PATCH + "2 400");
            device.publish("$iothub/twin/GET/?$rid=3", "");
            device.receivePublish(Duration.ofSeconds(10));
            assertThat(nextStartingWith("MQTT PUBLISH")).isEqualTo("MQTT PUBLISH dev1 $iothub/twin/GET/?$rid=3 200");

            device.publish("devices/dev1/messages/events/alert=true", "x");
            assertThat(nextStartingWith("MQTT PUBLISH"))
                    .isEqualTo("MQTT PUBLISH dev1 devices/dev1/messages/events/alert=true enqueued #1");
            device.send(MqttMessageBuilders.publish().topicName("devices/dev1/messages/events/").messageId(7)
                    .qos(MqttQoS.AT_LEAST_ONCE).payload(Unpooled.copiedBuffer("y", StandardCharsets.UTF_8)).build());
            assertThat(device.receive(Duration.ofSeconds(10))).isInstanceOf(MqttPubAckMessage.class);
            assertThat(nextStartingWith("MQTT PUBLISH"))
                    .isEqualTo("MQTT PUBLISH dev1 devices/dev1/messages/events/ acked #2");

            device.subscribe("$iothub/methods/POST/#");
            CompletableFuture<MethodResult> call = emulator.hub().methods().invokeAsync(TwinKey.device("dev1"),
                    CloudToDeviceMethod.of("reboot", JsonNull.INSTANCE));
            String request = device.receivePublish(Duration.ofSeconds(10)).variableHeader().topicName();
            String rid = request.substring(request.indexOf("$rid=") + 5);
            device.publish("$iothub/methods/res/200/?$rid=" + rid, "{\"ok\":true}");
            assertThat(call.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(nextStartingWith("MQTT PUBLISH"))
                    .isEqualTo("MQTT PUBLISH dev1 $iothub/methods/res/200/?$rid=" + rid + " delivered");
            device.publish("$iothub/methods/res/200/?$rid=" + rid, "{}");
            assertThat(nextStartingWith("MQTT PUBLISH")).isEqualTo("MQTT PUBLISH dev1 $iothub/methods/res/200/?$rid="
                    + rid + " ignored: no call in flight");

            device.publish("devices/dev2/messages/events/", "not mine");
            assertThat(nextStartingWith("MQTT PUBLISH"))
                    .startsWith("MQTT PUBLISH dev1 devices/dev2/messages/events/ refused: ");
            assertThat(device.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        String forged = SharedAccessSignature.create("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "127.0.0.1/devices/dev1", Instant.now().getEpochSecond() + 3600, null);
        try (RawMqttClient intruder = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort())) {
            assertThat(intruder.connect("dev1", "127.0.0.1/dev1/?api-version=2020-09-30", forged, 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        }
        assertThat(nextStartingWith("MQTT CONNECT")).startsWith("MQTT CONNECT dev1 refused 5 "
                + "CONNECTION_REFUSED_NOT_AUTHORIZED: ");
        assertThat(allLines()).noneMatch(line -> line.contains(signatureOf(token)) || line.contains(signatureOf(forged))
                || line.contains(deviceKey()));
    }

    @Test
    void theDeviceSdkOverAWebSocketOnTheHttpsPortIsLoggedAsMqttWs() throws Exception {
        start("log-ws");
        DeviceClient client = new DeviceClient(emulator.deviceConnectionString(DEV1) + ";GatewayHostName=localhost:"
                + emulator.httpsPort(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(emulator.clientSslContext()).build());
        try {
            client.open(false);
            client.sendEvent(new Message("{\"temperature\":21.5}"));
        } finally {
            client.close();
        }
        assertThat(nextStartingWith("HTTPS GET /$iothub/websocket"))
                .matches("HTTPS GET /\\$iothub/websocket\\S* 101 \\d+ms");
        assertThat(nextStartingWith("MQTT-WS CONNECT")).isEqualTo("MQTT-WS CONNECT dev1 accepted");
        assertThat(nextStartingWith("MQTT-WS PUBLISH"))
                .matches("MQTT-WS PUBLISH dev1 devices/dev1/messages/events/\\S* acked #1");
        assertThat(allLines()).noneMatch(line -> line.contains(deviceKey()));
    }

    @Test
    void aHostileTopicOrPathGivesOneBoundedEscapedLine() throws Exception {
        start("log-hostile");
        String hostileTopic = "nowhere/\r\nMQTT PUBLISH dev1 forged 204\u0001\u007f" + "\u00e9".repeat(30_000);
        String token = SharedAccessSignature.create(deviceKey(), "127.0.0.1/devices/dev1",
                Instant.now().getEpochSecond() + 3600, null);
        try (RawMqttClient device = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort())) {
            device.connect("dev1", "127.0.0.1/dev1/?api-version=2020-09-30", token, 60);
            device.publish(hostileTopic, "x");
            assertThat(device.closedByServerWithin(Duration.ofSeconds(10))).isTrue();
        }
        String mqtt = nextStartingWith("MQTT PUBLISH");
        assertThat(mqtt).startsWith("MQTT PUBLISH dev1 nowhere/\\r\\nMQTT\\x20PUBLISH\\x20dev1\\x20forged\\x20204"
                + "\\x01\\x7f\\xe9").contains("...(+").contains(" refused: ");

        String hostilePath = "/twins/" + "a%0d%0a\u007f\u0001".repeat(1000);
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(), emulator.httpsPort())) {
            int status = client.send(("GET " + hostilePath + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)).readOne().status();
            assertThat(status).isIn(400, 401);
        }
        String https = nextStartingWith("HTTPS GET");
        assertThat(https).matches("HTTPS GET \\S+ 40[01] \\d+ms");
        assertThat(allLines()).hasSize(3).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(2000);
            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        });
    }
}
