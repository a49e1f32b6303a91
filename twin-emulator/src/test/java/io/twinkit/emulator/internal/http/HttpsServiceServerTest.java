package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, serving and closing servers: free ports, independence, bounded shutdown without leftover threads. */
@Timeout(30)
class HttpsServiceServerTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void twoServersGetFreePortsServeTheirOwnHubAndCloseCompletely() throws Exception {
        try (IotHub first = IotHub.create(HubOptions.builder().hubName("first-hub").build());
             IotHub second = IotHub.create(HubOptions.builder().hubName("second-hub").build());
             HttpsServiceServer a = HttpsServiceServer.start(first, SdkEmulator.certificates(), ANY_LOOPBACK_PORT);
             HttpsServiceServer b = HttpsServiceServer.start(second, SdkEmulator.certificates(),
                     ANY_LOOPBACK_PORT)) {
            first.registry().createDevice(DeviceId.of("only-in-first"));
            assertThat(a.port()).isPositive().isNotEqualTo(b.port());
            assertThat(getTwin(first, a.port()).status()).isEqualTo(200);
            getTwin(second, b.port()).assertError(404, 404001);

            a.close();
            assertThat(threadsSettlingAt("twinkit-https-first-hub", 0)).isZero();
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), a.port()).close())
                    .isInstanceOf(ConnectException.class);
            assertThat(getTwin(second, b.port()).status()).isEqualTo(404);
            b.close();
            b.close();
            assertThat(threadsSettlingAt("twinkit-https-second-hub", 0)).isZero();
        }
    }

    @Test
    void aTakenPortFailsClearlyAndLeavesNoThreads() throws Exception {
        try (IotHub hub = IotHub.create(HubOptions.builder().hubName("taken-port").build());
             HttpsServiceServer holder = HttpsServiceServer.start(hub, SdkEmulator.certificates(),
                     ANY_LOOPBACK_PORT)) {
            int before = threads("twinkit-https-taken-port");
            InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), holder.port());
            assertThatThrownBy(() -> HttpsServiceServer.start(hub, SdkEmulator.certificates(), taken))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(holder.port()));
            assertThat(threadsSettlingAt("twinkit-https-taken-port", before)).isEqualTo(before);
        }
    }

    private static WireResponse getTwin(IotHub hub, int port) throws IOException {
        String token = SdkEmulator.ownerToken(hub);
        try (RawTlsClient client = new RawTlsClient(SdkEmulator.certificates().clientSslContext(), port)) {
            client.send(WireRequests.format("GET", "/twins/only-in-first", Map.of("Authorization", token), null));
            return client.readOne();
        }
    }

    /** Returns the number of live threads named {@code prefix…}; they start and stop quickly but not at once. */
    private static int threads(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
    }

    /** Waits up to two seconds for the number of live threads named {@code prefix…} to be {@code expected}. */
    private static int threadsSettlingAt(String prefix, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        int count = threads(prefix);
        while (count != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            count = threads(prefix);
        }
        return count;
    }
}
