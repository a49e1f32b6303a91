package io.twinkit.emulator.testing;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.mqtt.MqttDeviceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * A hub and its MQTT server on a loopback address of their own, 127.0.0.2 to 127.0.0.254, with MQTT over TLS on port
 * 8883 there (the only port the official device SDK uses for MQTT) and MQTT over WebSocket on a free port of the same
 * address, so that tests running the device SDK over MQTT need neither 127.0.0.1:8883 nor a lock: the first address
 * whose port 8883 can be bound is taken, and an address another process takes between the probe and the bind is
 * skipped. The server certificate names the address and the hub accepts SAS tokens for it. Linux only (macOS has no
 * 127.0.0.2 unless aliased), as the emulator's own {@code --own-loopback-address}.
 *
 * @param hub the hub, in memory
 * @param certificates the certificates whose CA clients trust
 * @param server the running MQTT server
 * @param host the loopback address, for {@code HostName=<host>} and {@code <host>:<webSocketPort>}
 */
public record LoopbackMqttServer(IotHub hub, EmulatorCertificates certificates, MqttDeviceServer server, String host)
        implements AutoCloseable {

    /**
     * Starts a hub and its MQTT server on the first free loopback address.
     *
     * @throws IllegalStateException if port 8883 is taken on every address from 127.0.0.2 to 127.0.0.254
     */
    public static LoopbackMqttServer start() {
        IOException last = null;
        for (int i = 2; i <= 254; i++) {
            InetAddress address = address(i);
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(address, MqttDeviceServer.DEFAULT_TLS_PORT));
            } catch (IOException e) {
                last = e;
                continue;
            }
            String host = address.getHostAddress();
            IotHub hub = IotHub.create(HubOptions.builder().acceptHostName(host).build());
            try {
                EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(null, List.of(host));
                MqttDeviceServer server = MqttDeviceServer.start(hub, certificates,
                        new InetSocketAddress(address, MqttDeviceServer.DEFAULT_TLS_PORT),
                        new InetSocketAddress(address, 0));
                return new LoopbackMqttServer(hub, certificates, server, host);
            } catch (UncheckedIOException e) {
                hub.close();
                if (!(e.getCause() instanceof BindException)) {
                    throw e;
                }
                last = e.getCause();
            } catch (RuntimeException | Error e) {
                hub.close();
                throw e;
            }
        }
        throw new IllegalStateException("port 8883 is taken on every loopback address from 127.0.0.2 to 127.0.0.254"
                + " (or this machine has none of them: on macOS, sudo ifconfig lo0 alias 127.0.0.2 up); last failure: "
                + last, last);
    }

    /** Closes the MQTT server, then the hub. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            hub.close();
        }
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
