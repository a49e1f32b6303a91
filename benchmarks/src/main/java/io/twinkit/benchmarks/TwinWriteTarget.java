package io.twinkit.benchmarks;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.InterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A server the durable twin write benchmark loads, started in this JVM on free loopback ports (never 8883), with the
 * connections of the {@link MqttLoad} client that fit it:
 *
 * <ul>
 *   <li>{@code memory}: the wire emulator ({@link TwinkitEmulator}) keeping its hub in memory;</li>
 *   <li>{@code sync}: the wire emulator with a data directory (a fresh temporary one), as the command line's
 *       {@code --data-dir} runs it ({@link Durability#SYNC}, the default): each acknowledged twin write is synced to
 *       the disk;</li>
 *   <li>{@code relaxed}: the same with {@link Durability#RELAXED}: each acknowledged write is in the store file, and
 *       the file is synced on a short timer;</li>
 *   <li>{@code moquette}: the Moquette MQTT broker (io.moquette:moquette-broker) with persistence on (its H2 store
 *       in a fresh temporary directory), over TLS with the emulator's certificates and the same JDK TLS provider,
 *       anonymous clients, every write flushed at once ({@code buffer_flush_millis=immediate}), its telemetry to
 *       moquette.io off. It has no subscriber, so a PUBLISH is routed to nobody and answered by its PUBACK.</li>
 * </ul>
 *
 * <p>The emulator's devices ({@code twin-write-0000}, ...) exist before the load connects; each connects with a SAS
 * token of its own key ({@link LoopbackMqttDevice#connectMessage}). Moquette's clients publish to
 * {@code devices/{id}/reported} with the same client ids.
 */
abstract class TwinWriteTarget implements AutoCloseable {

    /** The names {@link #start} knows. */
    static final List<String> NAMES = List.of("memory", "sync", "relaxed", "moquette");

    private final @Nullable Path dataDirectory;

    private TwinWriteTarget(@Nullable Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the target named {@code name} (one of {@link #NAMES}) for {@code connections} clients.
     *
     * @param countDeliveries for {@code moquette}, count every PUBLISH the broker routed (an interceptor, which costs
     *     the broker a task per message: for tests, not for measuring)
     */
    static TwinWriteTarget start(String name, int connections, boolean countDeliveries) {
        return switch (name) {
            case "memory" -> new Emulator(connections, null, Durability.SYNC);
            case "sync" -> new Emulator(connections, temporaryDirectory("twin-write-sync"), Durability.SYNC);
            case "relaxed" -> new Emulator(connections, temporaryDirectory("twin-write-relaxed"), Durability.RELAXED);
            case "moquette" -> new Moquette(temporaryDirectory("twin-write-moquette"), countDeliveries);
            default -> throw new IllegalArgumentException("unknown target " + name + "; known: " + NAMES);
        };
    }

    /** Returns the client id (and device id) of the {@code i}th connection. */
    static String clientId(int i) {
        return String.format(Locale.ROOT, "twin-write-%04d", i);
    }

    /** Returns what a request to this target is. */
    abstract MqttLoad.Kind kind();

    /** Returns the MQTT over TLS port. */
    abstract int port();

    /** Returns how the {@code i}th connection connects. */
    abstract MqttLoad.Connection connection(int i);

    /**
     * Returns the writes the server confirms it performed since it started: for the emulator, the sum over the
     * devices of the reported {@code $version} increments; for Moquette, the PUBLISHes its interceptor saw (0 unless
     * started with {@code countDeliveries}).
     */
    abstract long confirmedWrites();

    /** Returns the total size of the files in the data directory, 0 without one. */
    long storeBytes() {
        if (dataDirectory == null) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    // a file the store removed while it was listed
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (dataDirectory != null) {
                deleteTree(dataDirectory);
            }
        }
    }

    abstract void stop();

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wire emulator, in memory or with a data directory. */
    private static final class Emulator extends TwinWriteTarget {
        private final TwinkitEmulator emulator;
        private final List<DeviceId> ids = new ArrayList<>();
        private final long initialVersions;

        Emulator(int connections, @Nullable Path dataDirectory, Durability durability) {
            super(dataDirectory);
            for (int i = 0; i < connections; i++) {
                ids.add(DeviceId.of(clientId(i)));
            }
            emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                    .dataDirectory(dataDirectory).durability(durability).devices(ids).build());
            initialVersions = reportedVersions();
        }

        private long reportedVersions() {
            long sum = 0;
            for (DeviceId id : ids) {
                sum += emulator.hub().twins().get(TwinKey.device(id)).reported().version().orElse(0);
            }
            return sum;
        }

        @Override
        MqttLoad.Kind kind() {
            return MqttLoad.Kind.TWIN_PATCH;
        }

        @Override
        int port() {
            return emulator.mqttPort();
        }

        @Override
        MqttLoad.Connection connection(int i) {
            DeviceId id = ids.get(i);
            SSLContext tls = emulator.clientSslContext();
            String key = LoopbackMqttDevice.primaryKey(emulator.deviceConnectionString(id));
            return new MqttLoad.Connection(() -> LoopbackMqttDevice.tls(tls, port()),
                    LoopbackMqttDevice.connectMessage(id.value(), key), "");
        }

        @Override
        long confirmedWrites() {
            return reportedVersions() - initialVersions;
        }

        @Override
        void stop() {
            emulator.close();
        }
    }

    /** The Moquette broker with persistence, over TLS. */
    private static final class Moquette extends TwinWriteTarget {
        private final Server server = new Server();
        private final EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(null);
        private final AtomicLong delivered = new AtomicLong();
        private final int port;

        Moquette(Path dataDirectory, boolean countDeliveries) {
            super(dataDirectory);
            port = freePort();
            Properties properties = new Properties();
            properties.setProperty("host", InetAddress.getLoopbackAddress().getHostAddress());
            properties.setProperty("port", "disabled");
            properties.setProperty("websocket_port", "disabled");
            properties.setProperty("ssl_port", Integer.toString(port));
            properties.setProperty("persistence_enabled", "true");
            properties.setProperty("data_path", dataDirectory.toString());
            properties.setProperty("allow_anonymous", "true");
            properties.setProperty("buffer_flush_millis", "immediate");
            properties.setProperty("telemetry_enabled", "false");
            List<InterceptHandler> interceptors = new ArrayList<>();
            if (countDeliveries) {
                interceptors.add(new AbstractInterceptHandler() {
                    @Override
                    public String getID() {
                        return "twin-write-counter";
                    }

                    @Override
                    public void onSessionLoopError(Throwable error) {
                        // a session loop's failure fails the load's connection, which the load reports
                    }

                    @Override
                    public void onPublish(InterceptPublishMessage message) {
                        delivered.incrementAndGet();
                        super.onPublish(message);
                    }
                });
            }
            SSLContext serverTls = certificates.serverSslContext();
            try {
                server.startServer(new MemoryConfig(properties), interceptors,
                        () -> new JdkSslContext(serverTls, false, ClientAuth.NONE), null, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        MqttLoad.Kind kind() {
            return MqttLoad.Kind.PUBLISH_QOS1;
        }

        @Override
        int port() {
            return port;
        }

        @Override
        MqttLoad.Connection connection(int i) {
            SSLContext tls = certificates.clientSslContext();
            String clientId = clientId(i);
            return new MqttLoad.Connection(() -> LoopbackMqttDevice.tls(tls, port),
                    MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId)
                            .cleanSession(false).keepAlive(600).build(),
                    "devices/" + clientId + "/reported");
        }

        @Override
        long confirmedWrites() {
            return delivered.get();
        }

        @Override
        void stop() {
            server.stopServer();
        }
    }
}
