package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.ModuleClient;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.twinkit.core.ModuleId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.HttpsServiceServer;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.testing.SdkTwinCalls;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MQTT over WebSocket on the HTTPS port, as IoT Hub serves {@code wss://<host>:443/$iothub/websocket} beside its REST
 * API: the official device SDK's MQTT_WS (a module signing with its device's key, as the SDK e2e suites connect
 * modules), the JDK's WebSocket client with a CONNECT of Netty's encoder, the refusals of a request for that path
 * without an upgrade or after other requests, and how an upgraded connection counts (under the MQTT cap, no longer
 * under the HTTPS one). Real TLS on loopback, free ports; the separate WebSocket port is not opened.
 */
@Timeout(120)
class MqttOverHttpsPortTest {

    private static final EmulatorCertificates CERTIFICATES = EmulatorCertificates.loadOrCreate(null);
    private static final long TIMEOUT_SECONDS = 20;

    private final IotHub hub = IotHub.create();
    private final List<AutoCloseable> open = new ArrayList<>();
    private MqttDeviceServer mqtt;
    private HttpsServiceServer https;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        hub.close();
    }

    private void start(ConnectionLimits httpsLimits, ConnectionLimits mqttLimits) {
        mqtt = keep(MqttDeviceServer.start(hub, CERTIFICATES, new InetSocketAddress("127.0.0.1", 0), null,
                mqttLimits));
        https = keep(HttpsServiceServer.start(hub, CERTIFICATES, new InetSocketAddress("127.0.0.1", 0), httpsLimits,
                mqtt));
    }

    @Test
    void theDeviceSdkConnectsAModuleWithItsDevicesKeyOverMqttWsToTheHttpsPort() throws Exception {
        start(ConnectionLimits.httpsDefaults(), ConnectionLimits.mqttDefaults());
        TwinKey device = TwinKey.device("ws-host");
        hub.registry().createDevice(device.deviceId());
        hub.registry().createModule(device.deviceId(), ModuleId.of("filter"));
        TwinKey module = TwinKey.module("ws-host", "filter");
        hub.twins().update(module, json("{\"properties\":{\"desired\":{\"threshold\":7}}}"), null);
        String deviceKey = hub.registry().get(device).authentication().symmetricKey().primaryKey();
        // the SDK signs <HostName>/devices/ws-host/modules/filter with the device's key and connects to the gateway
        ModuleClient client = new ModuleClient("HostName=" + hub.options().hubName() + ".azure-devices.net;"
                + "DeviceId=ws-host;ModuleId=filter;SharedAccessKey=" + deviceKey + ";GatewayHostName=localhost:"
                + https.port(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(CERTIFICATES.clientSslContext()).build());
        try {
            client.open(false);
            client.subscribeToDesiredProperties((twin, context) -> { }, null, (int) TimeUnit.SECONDS.toMillis(
                    TIMEOUT_SECONDS));
            Twin twin = SdkTwinCalls.getTwin(client);
            assertThat(twin.getDesiredProperties()).containsEntry("threshold", 7L);
            assertThat(SdkTwinCalls.report(client, new TwinCollection(Map.of("seen", true))).version()).isEqualTo(2);
            assertThat(hub.twins().deviceGet(module).valueOrNull("reported"))
                    .isEqualTo(json("{\"seen\":true,\"$version\":2}"));
            assertThat(mqtt.guard().open()).as("the upgraded connection is an MQTT one").isEqualTo(1);
        } finally {
            client.close();
        }
        // the REST API of the same port is unchanged
        try (RawTlsClient rest = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            rest.send("GET /twins/ws-host HTTP/1.1\r\nHost: localhost\r\n\r\n").readOne().assertError(401, 401002);
        }
    }

    @Test
    void aDeviceTokenSignedWithAnotherKeyIsRefusedOverTheHttpsPortToo() throws Exception {
        start(ConnectionLimits.httpsDefaults(), ConnectionLimits.mqttDefaults());
        hub.registry().createDevice(TwinKey.device("ws-other").deviceId());
        DeviceClient client = new DeviceClient("localhost:" + https.port(), "ws-other", () -> SharedAccessSignature.create(
                "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "localhost/devices/ws-other",
                Instant.now().getEpochSecond() + 3600, null).toCharArray(), IotHubClientProtocol.MQTT_WS,
                ClientOptions.builder().sslContext(CERTIFICATES.clientSslContext()).build());
        try {
            assertThat(catchOpen(client)).as("the SDK's open fails on the refused CONNECT").isNotNull();
        } finally {
            client.close();
        }
    }

    @Test
    void aWebSocketUpgradeWithSubprotocolMqttCarriesMqttAndCountsUnderTheMqttCapNotTheHttpsOne() throws Exception {
        start(ConnectionLimits.httpsDefaults().withMaxConnections(2), ConnectionLimits.mqttDefaults()
                .withMaxConnections(1));
        hub.registry().createDevice(TwinKey.device("ws1").deviceId());
        String key = hub.registry().get(TwinKey.device("ws1")).authentication().symmetricKey().primaryKey();
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames).join();
        assertThat(socket.getSubprotocol()).isEqualTo("mqtt");
        socket.sendBinary(ByteBuffer.wrap(encodedConnect("ws1", SharedAccessSignature.create(key, "localhost/devices/ws1",
                Instant.now().getEpochSecond() + 3600, null))), true).join();
        assertThat(frames.connAck().variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(mqtt.guard().open()).isEqualTo(1);

        // the HTTPS cap of 2 no longer counts it: a REST connection and another upgrade attempt are both accepted
        try (RawTlsClient rest = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port());
             RawTlsClient second = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            rest.send("GET /twins/ws1 HTTP/1.1\r\nHost: localhost\r\n\r\n").readOne().assertError(401, 401002);
            // the MQTT cap of 1 does count it: the second upgrade is answered 503 and closed
            WireResponse refused = second.send(upgradeRequest()).readOne();
            assertThat(refused.assertError(503, 503001)).contains("--mqtt-max-connections");
            assertThat(second.closedByServer()).isTrue();
        }
        assertThat(mqtt.guard().refused()).isEqualTo(1);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        await(() -> mqtt.guard().open() == 0, "the MQTT connection closed");
    }

    @Test
    void aRequestForTheWebSocketPathWithoutAnUpgradeOrAfterAnotherRequestIsA400AndClosed() throws Exception {
        start(ConnectionLimits.httpsDefaults(), ConnectionLimits.mqttDefaults());
        try (RawTlsClient plain = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            String message = plain.send("GET /$iothub/websocket?iothub-no-client-cert=true HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n").readOne().assertError(400, 400);
            assertThat(message).contains("/$iothub/websocket", "WebSocket upgrade");
            assertThat(plain.closedByServer()).isTrue();
        }
        try (RawTlsClient post = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            post.send("POST /$iothub/websocket HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello")
                    .readOne().assertError(400, 400);
        }
        try (RawTlsClient late = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            late.send("GET /twins/x HTTP/1.1\r\nHost: localhost\r\n\r\n").readOne().assertError(401, 401002);
            assertThat(late.send(upgradeRequest()).readOne().assertError(400, 400)).contains("first request");
        }
        assertThat(mqtt.guard().open()).as("no connection became an MQTT one").isZero();
        // other paths on the port are the REST API's, as before
        try (RawTlsClient other = new RawTlsClient(CERTIFICATES.clientSslContext(), https.port())) {
            // (404 for a path it does not serve, or 401 where the caller is authenticated before the path is judged)
            assertThat(other.send("GET /$iothub/websocketx HTTP/1.1\r\nHost: localhost\r\n\r\n").readOne()
                    .status()).isIn(401, 404);
        }
    }

    @Test
    void aServerStartedWithoutAnMqttServerServesNoWebSocket() throws Exception {
        HttpsServiceServer alone = keep(HttpsServiceServer.start(hub, CERTIFICATES,
                new InetSocketAddress("127.0.0.1", 0)));
        try (RawTlsClient client = new RawTlsClient(CERTIFICATES.clientSslContext(), alone.port())) {
            assertThat(client.send(upgradeRequest()).readOne().status()).isIn(401, 404);
        }
    }

    private static String upgradeRequest() {
        return "GET /$iothub/websocket?iothub-no-client-cert=true HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n";
    }

    private CompletableFuture<WebSocket> webSocket(Frames frames) {
        HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATES.clientSslContext()).build();
        return client.newWebSocketBuilder().subprotocols("mqtt").connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .buildAsync(URI.create("wss://localhost:" + https.port()
                        + "/$iothub/websocket?iothub-no-client-cert=true"), frames);
    }

    private static byte[] encodedConnect(String clientId, String password) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        try {
            encoder.writeOutbound(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                    .clientId(clientId).cleanSession(true).keepAlive(60).hasUser(true)
                    .username("localhost/" + clientId + "/?api-version=2021-04-12").hasPassword(true)
                    .password(password.getBytes(StandardCharsets.UTF_8)).build());
            ByteBuf bytes = encoder.readOutbound();
            try {
                return ByteBufUtil.getBytes(bytes);
            } finally {
                bytes.release();
            }
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    private static Throwable catchOpen(DeviceClient client) {
        try {
            client.open(false);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TIMEOUT_SECONDS + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Collects the binary frames the server sends and decodes them with Netty's MQTT decoder. */
    private static final class Frames implements WebSocket.Listener {

        private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
        private final BlockingQueue<Object> packets = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            synchronized (decoder) {
                decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
                for (Object packet; (packet = decoder.readInbound()) != null; ) {
                    packets.add(packet);
                }
            }
            webSocket.request(1);
            return null;
        }

        MqttConnAckMessage connAck() throws InterruptedException {
            Object packet = packets.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(packet).as("a CONNACK").isInstanceOf(MqttConnAckMessage.class);
            return (MqttConnAckMessage) packet;
        }
    }
}
