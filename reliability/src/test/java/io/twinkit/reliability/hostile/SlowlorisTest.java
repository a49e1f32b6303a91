package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.EmulatorEndpoint;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Settings;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Slowloris against the HTTPS API: many connections each trickle a request in, a byte at a time. Beyond the
 * connection maximum they are refused at once; the accepted ones are closed when the idle timeout passes without a
 * complete request, and then the API serves again. All TCP connections are opened first, so that the maximum
 * decides at once, then their TLS handshakes follow. Sizes: {@code reliability.slowloris.connections},
 * {@code reliability.slowloris.maxConnections} and {@code reliability.slowloris.idleSeconds}, the idle timeout, which
 * must outlast the handshakes.
 */
class SlowlorisTest {


    @Test
    void tricklingConnectionsAreCappedAndCutOffAndTheApiServesAgain() throws Exception {
        int connections = Settings.integer("reliability.slowloris.connections", 300);
        int maxConnections = Settings.integer("reliability.slowloris.maxConnections", 200);
        Duration idleTimeout = Duration.ofSeconds(Settings.integer("reliability.slowloris.idleSeconds", 10));
        EmulatorConfig config = EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of("victim"))
                .httpsLimits(ConnectionLimits.httpsDefaults().withMaxConnections(maxConnections)
                        .withHandshakeTimeout(idleTimeout).withIdleTimeout(idleTimeout))
                .build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config);
             TwinServiceClient service = EmulatorEndpoint.of(emulator).serviceClient()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<SSLSocket>> handshakes = new ArrayList<>();
            long start = System.nanoTime();
            List<Socket> plain = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), emulator.httpsPort()), 10_000);
                plain.add(socket);
            }
            for (Socket socket : plain) {
                handshakes.add(pool.submit(() -> handshake(emulator, socket)));
            }
            List<SSLSocket> held = new ArrayList<>();
            int refused = 0;
            for (Future<SSLSocket> handshake : handshakes) {
                try {
                    held.add(handshake.get(120, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    refused++;
                }
            }
            pool.shutdown();
            double secondsToConnect = (System.nanoTime() - start) / 1e9;
            assertThat(refused).as("connections refused beyond the maximum of %d", maxConnections)
                    .isEqualTo(Math.max(0, connections - maxConnections));

            byte[] request = ("GET /twins/victim HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(200))
                    .getBytes(StandardCharsets.US_ASCII);
            long trickleStart = System.nanoTime();
            int trickled = 0;
            List<SSLSocket> open = new ArrayList<>(held);
            long deadline = trickleStart + TimeUnit.SECONDS.toNanos(120);
            while (!open.isEmpty() && trickled < request.length && System.nanoTime() < deadline) {
                for (Iterator<SSLSocket> it = open.iterator(); it.hasNext(); ) {
                    SSLSocket socket = it.next();
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(request[trickled]);
                        out.flush();
                    } catch (IOException e) {
                        it.remove();
                        socket.close();
                    }
                }
                trickled++;
                TimeUnit.MILLISECONDS.sleep(250);
            }
            double secondsUntilAllCut = (System.nanoTime() - trickleStart) / 1e9;
            int stillOpen = open.size();
            for (SSLSocket socket : open) {
                socket.close();
            }
            assertThat(stillOpen).as("trickling connections the server did not close").isZero();
            assertThat(trickled).as("bytes trickled before every connection was cut").isLessThan(request.length);
            assertThat(service.getTwin(TwinKey.device("victim"))).as("a twin read after the attack").isNotNull();

            Figures.write("slowloris", JsonObject.builder()
                    .put("connections", connections)
                    .put("maxConnections", maxConnections)
                    .put("idleTimeoutSeconds", idleTimeout.toSeconds())
                    .put("accepted", held.size())
                    .put("refused", refused)
                    .put("secondsToConnect", secondsToConnect)
                    .put("bytesTrickledPerConnection", trickled)
                    .put("secondsUntilAllCut", secondsUntilAllCut)
                    .build());
        }
    }

    private static SSLSocket handshake(TwinkitEmulator emulator, Socket plain) throws IOException {
        SSLSocket socket = (SSLSocket) emulator.clientSslContext().getSocketFactory()
                .createSocket(plain, "localhost", emulator.httpsPort(), true);
        try {
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
