package io.twinkit.emulator.internal.http;

import static io.twinkit.emulator.testing.ServerClose.closedWithin;
import static io.twinkit.emulator.testing.ServerClose.plainSocket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.testing.TestResources;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.IotHub;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection limits of the HTTPS service API over real TLS sockets: the maximum of open connections, the TLS
 * handshake timeout, and the idle timeout that closes an unused or slowly trickling (slowloris) connection but not a
 * busy one. The timeouts are far below the defaults, so a close within the default proves the configured one works.
 */
@Timeout(60)
class HttpsConnectionLimitsTest {

    private static final String REQUEST = "GET /twins/nobody HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private final IotHub hub = IotHub.create();
    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
        hub.close();
    }

    @Test
    void connectionsBeyondTheMaximumAreClosedAtOnceAndOneIsAcceptedAgainWhenAnotherCloses() throws Exception {
        HttpsServiceServer server = start(ConnectionLimits.httpsDefaults().withMaxConnections(3));
        List<RawTlsClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RawTlsClient client = client(server);
            assertThat(client.send(REQUEST).readOne().status()).as("an answer within the maximum").isEqualTo(401);
            clients.add(client);
        }

        assertThatThrownBy(() -> client(server))
                .as("the handshake of a connection beyond the maximum")
                .isInstanceOf(IOException.class);
        assertThat(server.guard().refused()).isEqualTo(1);
        assertThat(server.guard().open()).isEqualTo(3);

        clients.get(0).close();
        await(() -> server.guard().open() == 2, "the server saw the close");
        RawTlsClient again = client(server);
        assertThat(again.send(REQUEST).readOne().status()).isEqualTo(401);
        assertThat(clients.get(1).send(REQUEST).readOne().status()).as("the connections kept").isEqualTo(401);
        assertThat(server.guard().refused()).isEqualTo(1);
    }

    @Test
    void aClientThatSendsNothingOrHalfAClientHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        HttpsServiceServer server = start(ConnectionLimits.httpsDefaults().withHandshakeTimeout(Duration.ofMillis(500))
                .withIdleTimeout(Duration.ofMinutes(5)));
        Socket silent = open.keep(plainSocket(server.port()));
        Socket partial = open.keep(plainSocket(server.port()));
        // a TLS handshake record header announcing 512 bytes, and the first few of them
        partial.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
        partial.getOutputStream().flush();

        assertThat(closedWithin(silent, Duration.ofSeconds(8))).as("a silent client, closed").isTrue();
        assertThat(closedWithin(partial, Duration.ofSeconds(8))).as("a partial ClientHello, closed").isTrue();
    }

    @Test
    void aConnectionWithoutARequestIsClosedAfterTheIdleTimeout() throws Exception {
        HttpsServiceServer server = start(ConnectionLimits.httpsDefaults().withIdleTimeout(Duration.ofMillis(500)));
        RawTlsClient idle = client(server);
        RawTlsClient usedOnce = client(server);
        assertThat(usedOnce.send(REQUEST).readOne().status()).isEqualTo(401);

        assertThat(idle.closedByServer()).as("idle since its handshake, closed").isTrue();
        assertThat(usedOnce.closedByServer()).as("idle since its last response, closed").isTrue();
        await(() -> server.guard().open() == 0, "the server counts no connection");
    }

    @Test
    void aRequestTrickledInByteByByteIsCutOffAfterTheIdleTimeout() throws Exception {
        HttpsServiceServer server = start(ConnectionLimits.httpsDefaults().withIdleTimeout(Duration.ofSeconds(1)));
        RawTlsClient slowloris = client(server);
        byte[] header = ("GET /twins/nobody HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(100))
                .getBytes(StandardCharsets.US_ASCII);
        int sent = 0;
        try {
            // one byte every 100 ms: the whole header would take about 14 s, the default idle timeout is 30 s
            for (; sent < header.length; sent++) {
                slowloris.send(new byte[] {header[sent]});
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (IOException e) {
            // the server closed the connection under the trickle
        }
        assertThat(sent).as("bytes trickled before the server closed the connection").isLessThan(header.length);
        assertThat(slowloris.closedByServer()).isTrue();
    }

    @Test
    void aConnectionInUseStaysOpenBeyondTheIdleTimeout() throws Exception {
        HttpsServiceServer server = start(ConnectionLimits.httpsDefaults().withIdleTimeout(Duration.ofMillis(1500)));
        RawTlsClient busy = client(server);
        // 8 requests 400 ms apart: twice the idle timeout in all, never that long between a response and a request
        for (int i = 0; i < 8; i++) {
            assertThat(busy.send(REQUEST).readOne().status()).as("request %d", i).isEqualTo(401);
            TimeUnit.MILLISECONDS.sleep(400);
        }
        assertThat(server.guard().open()).isEqualTo(1);
    }

    private HttpsServiceServer start(ConnectionLimits limits) {
        HttpsServiceServer server = HttpsServiceServer.start(hub, SdkEmulator.certificates(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits);
        return open.keepUntilLast(server);
    }

    private RawTlsClient client(HttpsServiceServer server) throws IOException {
        return open.keep(new RawTlsClient(SdkEmulator.certificates().clientSslContext(), server.port()));
    }



    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
