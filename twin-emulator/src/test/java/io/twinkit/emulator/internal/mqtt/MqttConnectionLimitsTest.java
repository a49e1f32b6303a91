package io.twinkit.emulator.internal.mqtt;

import static io.twinkit.emulator.testing.ServerClose.closedWithin;
import static io.twinkit.emulator.testing.ServerClose.plainSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.testing.TestResources;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection limits of the MQTT server over real TLS sockets: one maximum over both ports, the TLS handshake
 * timeout on both, and the time a connection has to send CONNECT, each far below its default.
 */
@Timeout(60)
class MqttConnectionLimitsTest {

    private static final EmulatorCertificates CERTIFICATES = EmulatorCertificates.loadOrCreate(null);

    private final IotHub hub = IotHub.create();
    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
        hub.close();
    }

    @Test
    void connectionsBeyondTheMaximumOfBothPortsAreClosedAtOnceAndOneIsAcceptedAgainWhenAnotherCloses()
            throws Exception {
        MqttDeviceServer server = start(ConnectionLimits.mqttDefaults().withMaxConnections(2));
        TwinKey device = TwinKey.device("capped");
        hub.registry().createDevice(device.deviceId());
        RawMqttClient first = open.keep(new RawMqttClient(CERTIFICATES.clientSslContext(), server.tlsPort()));
        assertThat(first.connect("capped", username("capped"), token(device), 60))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        SSLSocket webSocketSide = open.keep(tls(server.webSocketPort()));

        assertThatThrownBy(() -> open.keep(new RawMqttClient(CERTIFICATES.clientSslContext(), server.tlsPort())))
                .as("a TLS connection beyond the maximum").isInstanceOf(IOException.class);
        assertThatThrownBy(() -> open.keep(tls(server.webSocketPort())))
                .as("a WebSocket-port connection beyond the maximum").isInstanceOf(IOException.class);
        assertThat(server.guard().refused()).isEqualTo(2);

        webSocketSide.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.guard().open() > 1) {
            assertThat(System.nanoTime()).as("the server saw the close").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        try (RawMqttClient again = new RawMqttClient(CERTIFICATES.clientSslContext(), server.tlsPort())) {
            assertThat(again.connect("capped", username("capped"), token(device), 60))
                    .as("a connection once one closed").isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        }
    }

    @Test
    void aClientThatSendsNothingIsClosedAfterTheHandshakeTimeoutOnBothPorts() throws Exception {
        MqttDeviceServer server = start(ConnectionLimits.mqttDefaults().withHandshakeTimeout(Duration.ofMillis(500)));
        Socket tls = open.keep(plainSocket(server.tlsPort()));
        Socket webSocket = open.keep(plainSocket(server.webSocketPort()));
        assertThat(closedWithin(tls, Duration.ofSeconds(8))).as("silent on the TLS port, closed").isTrue();
        assertThat(closedWithin(webSocket, Duration.ofSeconds(8))).as("silent on the WebSocket port, closed")
                .isTrue();
    }

    @Test
    void aConnectionWithoutConnectIsClosedAfterTheConnectTimeoutOnBothPorts() throws Exception {
        MqttDeviceServer server = start(ConnectionLimits.mqttDefaults().withIdleTimeout(Duration.ofMillis(500)));
        RawMqttClient silent = open.keep(new RawMqttClient(CERTIFICATES.clientSslContext(), server.tlsPort()));
        // on the WebSocket port, neither the HTTP upgrade nor CONNECT comes
        SSLSocket noUpgrade = open.keep(tls(server.webSocketPort()));
        assertThat(silent.closedByServerWithin(Duration.ofSeconds(8))).as("no CONNECT over TLS, closed").isTrue();
        assertThat(closedWithin(noUpgrade, Duration.ofSeconds(8))).as("no upgrade, closed").isTrue();
    }

    private MqttDeviceServer start(ConnectionLimits limits) {
        MqttDeviceServer server = MqttDeviceServer.start(hub, CERTIFICATES,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits);
        return open.keepUntilLast(server);
    }

    private static SSLSocket tls(int port) throws IOException {
        SSLSocket socket = (SSLSocket) CERTIFICATES.clientSslContext().getSocketFactory().createSocket("127.0.0.1",
                port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.setSoTimeout(200);
        return socket;
    }



    private String token(TwinKey key) {
        return SharedAccessSignature.create(hub.registry().get(key).authentication().symmetricKey().primaryKey(),
                "127.0.0.1/devices/" + key.deviceId().value(), Instant.now().getEpochSecond() + 3600, null);
    }

    private static String username(String clientId) {
        return "127.0.0.1/" + clientId + "/?api-version=2020-09-30";
    }
}
