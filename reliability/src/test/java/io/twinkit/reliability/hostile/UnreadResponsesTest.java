package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PoolChunkListMetric;
import io.netty.buffer.PoolChunkMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Machine;
import io.twinkit.reliability.support.MqttBytes;
import io.twinkit.reliability.support.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that sends thousands of twin GETs without reading the answers (MQTT, and pipelined HTTPS GETs) must not
 * make the emulator buffer the answers: the emulator stops reading from it, so what it holds in Netty's buffers stays
 * bounded (measured in this JVM, where the emulator runs), and once the client reads, every answer arrives, in order
 * and correct. Over real TLS on loopback. Sizes: {@code reliability.unread.mqtt} GETs over MQTT and
 * {@code reliability.unread.https} over HTTPS, of a twin with about 28 KB of desired properties.
 */
class UnreadResponsesTest {

    private static final String DEVICE = "unread-1";
    private static final long MIB = 1024 * 1024;
    /**
     * How much Netty's pooled buffers may grow while the answers are not read (about 1 MiB measured). Without
     * backpressure they grow by nearly all the answers (the requests times the twin's size, less the kernel's socket
     * buffers), over 100 MiB in the short version.
     */
    private static final long BOUND_BYTES = 16 * MIB;

    private static TwinkitEmulator emulator;
    private static final int BIG_PROPERTIES = 7;

    private static String bigValue;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of(DEVICE)).build());
        // strings are at most 4 KB each: seven of them make a twin of about 28 KB
        bigValue = "x".repeat(4_000);
        JsonObject.Builder desired = JsonObject.builder();
        for (int i = 0; i < BIG_PROPERTIES; i++) {
            desired.put("big" + i, JsonString.of(bigValue));
        }
        emulator.hub().twins().update(TwinKey.device(DEVICE), JsonObject.of("properties", JsonObject.of("desired",
                desired.build())), null);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void mqttGetsWithoutReadingAreHeldBackAndAllAnsweredOnceRead() throws Exception {
        int requests = Settings.integer("reliability.unread.mqtt", 4_000);
        try (RawMqttClient client = mqttClient()) {
            String key = emulator.hub().registry().getDevice(DeviceId.of(DEVICE)).authentication().symmetricKey()
                    .primaryKey();
            assertThat(client.connect(DEVICE, "localhost/" + DEVICE + "/?api-version=2021-04-12", SharedAccessSignature.create(key,
                    "localhost/devices/" + DEVICE, Instant.now().getEpochSecond() + 3600, null), 300))
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.subscribe("$iothub/twin/res/#");
            ByteArrayOutputStream gets = new ByteArrayOutputStream();
            for (int i = 0; i < requests; i++) {
                gets.writeBytes(MqttBytes.bytes(MqttMessageBuilders.publish().topicName("$iothub/twin/GET/?$rid=" + i)
                        .qos(MqttQoS.AT_LEAST_ONCE).messageId(i % 65_535 + 1).payload(Unpooled.EMPTY_BUFFER).build()));
            }
            Memory before = Memory.now();
            CompletableFuture<Void> writer = writeInBackground(client::sendRaw, gets.toByteArray());
            Memory unread = Memory.settled();
            for (int i = 0; i < requests; i++) {
                MqttPublishMessage answer = client.receivePublish(Duration.ofSeconds(60));
                try {
                    assertThat(answer.variableHeader().topicName()).isEqualTo("$iothub/twin/res/200/?$rid=" + i);
                    assertBigTwin(JsonValue.parseObject(answer.content().toString(StandardCharsets.UTF_8)));
                } finally {
                    answer.release();
                }
            }
            writer.get(60, TimeUnit.SECONDS);
            record("unread-mqtt", requests, before, unread);
        }
    }

    @Test
    void pipelinedHttpsGetsWithoutReadingAreHeldBackAndAllAnsweredOnceRead() throws Exception {
        int requests = Settings.integer("reliability.unread.https", 3_000);
        String policyKey = emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        String token = SharedAccessSignature.create(policyKey, "localhost", Instant.now().getEpochSecond() + 3600,
                TwinkitEmulator.OWNER_POLICY);
        byte[] get = ("GET /twins/" + DEVICE + "?api-version=2021-04-12 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + token + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gets = new ByteArrayOutputStream();
        for (int i = 0; i < requests; i++) {
            gets.writeBytes(get);
        }
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(),
                emulator.httpsPort())) {
            Memory before = Memory.now();
            CompletableFuture<Void> writer = writeInBackground(client::send, gets.toByteArray());
            Memory unread = Memory.settled();
            for (int i = 0; i < requests; i++) {
                WireResponse answer = client.readOne();
                assertThat(answer.status()).as("answer %s of %s: %s", i, requests, answer.body()).isEqualTo(200);
                JsonObject twin = answer.object();
                assertThat(twin.get("deviceId").orElseThrow().asString()).isEqualTo(DEVICE);
                assertBigTwin(twin.get("properties").orElseThrow().asObject());
            }
            writer.get(60, TimeUnit.SECONDS);
            record("unread-https", requests, before, unread);
        }
    }

    /** Connects over TLS; the raw client's handshake waits 200 ms per read, too short on a busy machine at times. */
    private static RawMqttClient mqttClient() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort());
            } catch (SocketTimeoutException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void assertBigTwin(JsonObject properties) {
        JsonObject desired = properties.get("desired").orElseThrow().asObject();
        for (int i = 0; i < BIG_PROPERTIES; i++) {
            assertThat(desired.get("big" + i).orElseThrow().asString()).isEqualTo(bigValue);
        }
    }

    /** Writes {@code bytes} in slices on a thread of its own: the writes block while the emulator does not read. */
    private static CompletableFuture<Void> writeInBackground(Writer writer, byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                for (int from = 0; from < bytes.length; from += 16 * 1024) {
                    byte[] slice = new byte[Math.min(16 * 1024, bytes.length - from)];
                    System.arraycopy(bytes, from, slice, 0, slice.length);
                    writer.write(slice);
                }
            } catch (IOException e) {
                throw new IllegalStateException("the emulator broke the connection while the requests were written",
                        e);
            }
        });
    }

    private static void record(String name, int requests, Memory before, Memory unread) {
        Memory after = Memory.now();
        Figures.write(name, JsonObject.builder()
                .put("requests", requests)
                .put("before", before.toJson())
                .put("unread", unread.toJson())
                .put("afterReading", after.toJson())
                .put("boundMiB", BOUND_BYTES / MIB)
                .put("machine", Machine.describe())
                .build());
        assertThat(unread.nettyBytes() - before.nettyBytes())
                .as("growth of Netty's pooled buffers while %s answers were not read (before %s, unread %s)",
                        requests, before.toJson(), unread.toJson())
                .isLessThan(BOUND_BYTES);
    }

    @FunctionalInterface
    private interface Writer {
        void write(byte[] bytes) throws IOException;
    }

    /**
     * The memory of this JVM, which runs the emulator: Netty's pooled buffers (where unsent answers wait), the heap
     * in use after a collection, and the resident set size (Linux only, else -1).
     */
    private record Memory(long nettyBytes, long heapBytes, long rssBytes) {

        static Memory now() {
            System.gc();
            return new Memory(nettyInUse(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    rss());
        }

        /**
         * Waits until the emulator is done with what it read: the bytes in Netty's pooled buffers unchanged for 3 s
         * (at most 120 s), then measures.
         */
        static Memory settled() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long last = -1;
            long stableSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long used = nettyInUse();
                if (used != last) {
                    last = used;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
                Thread.sleep(100);
            }
            return now();
        }

        /**
         * Returns the bytes allocated from the chunks of Netty's default pooled allocator, which every channel of
         * the emulator uses: exact to the page, where the allocator's own figures count whole chunks.
         */
        private static long nettyInUse() {
            PooledByteBufAllocatorMetric metric = PooledByteBufAllocator.DEFAULT.metric();
            List<PoolArenaMetric> arenas = new ArrayList<>(metric.directArenas());
            arenas.addAll(metric.heapArenas());
            long used = 0;
            for (PoolArenaMetric arena : arenas) {
                for (PoolChunkListMetric chunks : arena.chunkLists()) {
                    for (PoolChunkMetric chunk : chunks) {
                        used += chunk.chunkSize() - chunk.freeBytes();
                    }
                }
            }
            return used;
        }

        private static long rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return -1;
        }

        JsonObject toJson() {
            return JsonObject.builder()
                    .put("nettyMiB", nettyBytes / MIB)
                    .put("heapMiB", heapBytes / MIB)
                    .put("rssMiB", rssBytes < 0 ? -1 : rssBytes / MIB)
                    .build();
        }
    }
}
