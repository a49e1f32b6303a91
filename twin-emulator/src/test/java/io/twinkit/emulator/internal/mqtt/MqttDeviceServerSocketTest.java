package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.RES;
import static io.twinkit.emulator.internal.mqtt.MqttTwinFlowTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT server over real TLS sockets on free ports: SAS authentication with the hub's real checks, hostile input
 * (malformed packets, bad, expired and foreign tokens), keep-alive, dropped connections, the WebSocket port's HTTP
 * side, and bind failures.
 */
class MqttDeviceServerSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final EmulatorCertificates CERTIFICATES = EmulatorCertificates.loadOrCreate(null);
    private static final IotHub HUB = IotHub.create();
    private static final MqttDeviceServer SERVER = MqttDeviceServer.start(HUB, CERTIFICATES,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

    @AfterAll
    static void stop() {
        try {
            SERVER.close();
        } finally {
            HUB.close();
        }
    }

    @Test
    void aDeviceWithItsOwnTokenReadsAndReportsOverTls() throws IOException {
        TwinKey key = device("sock-ok");
        try (RawMqttClient client = client()) {
            assertThat(client.connect("sock-ok", username("sock-ok"), token(key, 3600), 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.subscribe(RES);
            client.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", "{\"temp\":20}");
            assertThat(client.receivePublish(WAIT).variableHeader().topicName())
                    .isEqualTo("$iothub/twin/res/204/?$rid=1&$version=2");
            client.publish("$iothub/twin/GET/?$rid=2", "");
            MqttPublishMessage twin = client.receivePublish(WAIT);
            assertThat(json(EmbeddedConnection.payload(twin)).valueOrNull("reported"))
                    .isEqualTo(json("{\"temp\":20,\"$version\":2}"));
        }
    }

    @Test
    void badExpiredAndForeignTokensAreRefusedAndChangeNothingWhileOthersKeepWorking() throws IOException {
        TwinKey victim = device("sock-victim");
        TwinKey attacker = device("sock-attacker");
        try (RawMqttClient bystander = client()) {
            assertThat(bystander.connect("sock-victim", username("sock-victim"), token(victim, 3600), 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            bystander.subscribe(RES);

            String wrongKey = SharedAccessSignature.create(HUB.registry().get(attacker).authentication().symmetricKey()
                    .primaryKey(), "127.0.0.1/devices/sock-victim", epoch(3600), null);
            assertRefused("sock-victim", username("sock-victim"), wrongKey,
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            assertRefused("sock-victim", username("sock-victim"), token(attacker, 3600),
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            assertRefused("sock-victim", username("sock-victim"), token(victim, -60),
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            assertRefused("sock-victim", username("sock-victim"), "SharedAccessSignature garbage",
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            assertRefused("sock-attacker", username("sock-victim"), token(attacker, 3600),
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            assertRefused("sock-ghost", username("sock-ghost"), token(victim, 3600),
                    MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);

            assertThat(HUB.twins().deviceGet(victim).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
            bystander.publish("$iothub/twin/GET/?$rid=alive", "");
            assertThat(bystander.receivePublish(WAIT).variableHeader().topicName())
                    .isEqualTo("$iothub/twin/res/200/?$rid=alive");
        }
    }

    @Test
    void aRidTooLongForAResponseTopicClosesTheConnectionWithoutAnAnswerOrAChange() throws IOException {
        TwinKey key = device("sock-rid");
        String longest = "r".repeat(TwinTopic.MAX_REQUEST_ID_CHARS);
        // 65,512 characters fill a GET topic to MQTT's 65,535 bytes; the response topic is 4 bytes longer
        for (String topic : new String[] {"$iothub/twin/GET/?$rid=" + "r".repeat(65_512),
            "$iothub/twin/PATCH/properties/reported/?$rid=" + "r".repeat(TwinTopic.MAX_REQUEST_ID_CHARS + 1)}) {
            try (RawMqttClient client = client()) {
                assertThat(client.connect("sock-rid", username("sock-rid"), token(key, 3600), 60))
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                client.subscribe(RES);
                client.publish("$iothub/twin/GET/?$rid=" + longest, "");
                assertThat(client.receivePublish(WAIT).variableHeader().topicName())
                        .isEqualTo("$iothub/twin/res/200/?$rid=" + longest);
                client.publish(topic, "{\"temp\":21}");
                assertThatThrownBy(() -> client.receive(WAIT)).as("after a $rid of %s characters", topic.length())
                        .isInstanceOf(IOException.class).hasMessageContaining("closed");
            }
        }
        assertThat(HUB.twins().deviceGet(key).valueOrNull("reported")).isEqualTo(json("{\"$version\":1}"));
    }

    @Test
    void aDisabledDeviceIsRefused() throws IOException {
        TwinKey key = device("sock-disabled");
        DeviceIdentity identity = HUB.registry().get(key);
        HUB.registry().update(identity.toBuilder().status(DeviceStatus.DISABLED).build(), null);
        assertRefused("sock-disabled", username("sock-disabled"), token(key, 3600),
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    void malformedPacketsCloseOnlyTheirConnection() throws IOException {
        TwinKey key = device("sock-malformed");
        try (RawMqttClient bystander = client(); RawMqttClient garbage = client(); RawMqttClient broken = client()) {
            assertThat(bystander.connect("sock-malformed", username("sock-malformed"), token(key, 3600), 60))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            garbage.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(garbage.closedByServerWithin(WAIT)).isTrue();
            broken.sendRaw(new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
            assertThat(broken.closedByServerWithin(WAIT)).isTrue();

            bystander.subscribe(RES);
            bystander.publish("$iothub/twin/GET/?$rid=after", "");
            assertThat(bystander.receivePublish(WAIT).variableHeader().topicName())
                    .isEqualTo("$iothub/twin/res/200/?$rid=after");
        }
    }

    @Test
    void aSilentClientIsClosedAfterOneAndAHalfKeepAlives() throws IOException {
        TwinKey key = device("sock-idle");
        try (RawMqttClient client = client()) {
            Instant start = Instant.now();
            assertThat(client.connect("sock-idle", username("sock-idle"), token(key, 3600), 1))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(client.closedByServerWithin(WAIT)).isTrue();
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        }
    }

    @Test
    void dropConnectionClosesTheSocket() throws IOException {
        TwinKey key = device("sock-drop");
        try (RawMqttClient client = client()) {
            client.connect("sock-drop", username("sock-drop"), token(key, 3600), 60);
            assertThat(SERVER.dropConnection(key)).isTrue();
            assertThat(client.closedByServerWithin(WAIT)).isTrue();
        }
        assertThat(SERVER.dropConnection(TwinKey.device("sock-never-connected"))).isFalse();
    }

    @Test
    void theWebSocketPortAnswersOtherPathsWith404() throws IOException {
        try (SSLSocket socket = (SSLSocket) CERTIFICATES.clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", SERVER.webSocketPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /twins/d1 HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 404");
        }
    }

    @Test
    void aTakenPortFailsTheStartClearlyAndLeavesNothingRunning() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> MqttDeviceServer.start(HUB, CERTIFICATES, address, null))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("MQTT over TLS").hasMessageContaining(String.valueOf(taken.getLocalPort()));
            assertThatThrownBy(() -> MqttDeviceServer.start(HUB, CERTIFICATES, null, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        try (MqttDeviceServer tlsOnly = MqttDeviceServer.start(HUB, CERTIFICATES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null)) {
            assertThat(tlsOnly.tlsPort()).isPositive();
            assertThatThrownBy(tlsOnly::webSocketPort).isInstanceOf(IllegalStateException.class);
        }
    }

    private static void assertRefused(String clientId, String username, String password,
                                      MqttConnectReturnCode expected) throws IOException {
        try (RawMqttClient client = client()) {
            assertThat(client.connect(clientId, username, password, 60)).as(clientId + " / " + username)
                    .isEqualTo(expected);
            assertThat(client.closedByServerWithin(WAIT)).isTrue();
        }
    }

    private static RawMqttClient client() throws IOException {
        return new RawMqttClient(CERTIFICATES.clientSslContext(), SERVER.tlsPort());
    }

    private static TwinKey device(String id) {
        TwinKey key = TwinKey.device(id);
        HUB.registry().createDevice(key.deviceId());
        return key;
    }

    /** Returns a token signed with the device's primary key as the Java device SDK mints it. */
    private static String token(TwinKey key, long secondsFromNow) {
        return SharedAccessSignature.create(HUB.registry().get(key).authentication().symmetricKey().primaryKey(),
                "127.0.0.1/devices/" + key.deviceId().value(), epoch(secondsFromNow), null);
    }

    private static long epoch(long secondsFromNow) {
        return Instant.now().getEpochSecond() + secondsFromNow;
    }

    private static String username(String clientId) {
        return "127.0.0.1/" + clientId + "/?api-version=2020-09-30";
    }
}
