package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.mqtt.RawMqttClient;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import io.twinkit.reliability.support.MqttBytes;
import io.twinkit.reliability.support.Mutator;
import io.twinkit.reliability.support.Settings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT front end under mutated packets over real TLS connections: device packets (reports, GETs, telemetry,
 * subscriptions, acknowledgements) mutated byte by byte on a connected session, and mutated CONNECT packets on fresh
 * connections. After each, a marker GET shows how far the server got; the reported {@code $version} must have moved
 * by exactly the reports it answered with 204, nothing else of the twin may change, no other device's twin ever
 * changes, and a separate device is still served. Tries: {@code reliability.tries} ({@code reliability.tries.mqtt}).
 */
class MqttFrontEndFuzzTest {

    private static final String DEVICE = "mq1";
    private static final String BYSTANDER = "mq2";
    private static final String PROBE = "mq-probe";
    private static final String RES = "$iothub/twin/res/#";
    private static final String DESIRED = "$iothub/twin/PATCH/properties/desired/#";
    /**
     * How long to wait for the marker before sending filler, then after the first and the second filler. A short
     * first wait costs nothing when the server is merely slow: the filler is harmless and the marker still comes.
     */
    private static final List<Duration> WAITS = List.of(Duration.ofMillis(100), Duration.ofMillis(300),
            Duration.ofSeconds(5));
    /** How long a fresh connection waits for the answer to a mutated CONNECT. */
    private static final Duration CONNECT_WAIT = Duration.ofMillis(150);
    private static final List<byte[]> MQTT_TOKENS = tokens();

    private static TwinkitEmulator emulator;
    private static final FuzzCounts COUNTS = new FuzzCounts("mqtt");

    private @Nullable RawMqttClient client;
    private int markers;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of(DEVICE)).device(DeviceId.of(BYSTANDER)).device(DeviceId.of(PROBE)).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    private static List<byte[]> tokens() {
        List<byte[]> tokens = new ArrayList<>();
        for (int b : new int[] {0x00, 0x10, 0x20, 0x30, 0x32, 0x34, 0x3F, 0x40, 0x62, 0x82, 0xA2, 0xC0, 0xE0, 0xF0,
                0x7F, 0x80, 0xFF}) {
            tokens.add(new byte[] {(byte) b});
        }
        tokens.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
        tokens.add(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
        tokens.add(new byte[] {0x00, 0x00});
        tokens.add(new byte[] {(byte) 0xFF, (byte) 0xFF});
        for (String text : List.of("#", "+", "/", "$iothub/twin/PATCH/properties/reported/?$rid=", "$rid=",
                "&$version=0", "devices/" + BYSTANDER + "/messages/events/", "$iothub/twin/GET/?$rid=", "\u0000",
                "{\"$version\":1}", "{", "}", "null", "MQTT", "MQIsdp")) {
            tokens.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(tokens);
    }

    @Test
    void mutatedPacketsChangeNothingButWhatTheServerAcknowledged() throws Exception {
        int tries = Settings.integer("reliability.tries.mqtt", Settings.tries());
        long baseSeed = Settings.integer("reliability.seed", 20240601);
        var bystander = HubState.content(twin(BYSTANDER));
        try (RawMqttClient probe = connected(PROBE)) {
            for (int i = 0; i < tries; i++) {
                long seed = baseSeed * 1_000_033L + i;
                Mutator mutator = new Mutator(seed);
                String outcome = mutator.random().nextInt(5) == 0 ? connectTry(mutator, seed) : sessionTry(mutator, seed);
                assertThat(HubState.content(twin(BYSTANDER))).as("the bystander's twin after seed %d", seed)
                        .isEqualTo(bystander);
                assertThat(emulator.hub().registry().get(TwinKey.device(BYSTANDER)).connectionState())
                        .as("the bystander never connects (seed %d)", seed).isEqualTo(ConnectionState.DISCONNECTED);
                assertThat(marker(probe, "probe" + i)).as("the probe device is served after seed %d", seed)
                        .isEqualTo(200);
                COUNTS.count("packets", outcome);
            }
        } finally {
            closeClient();
        }
    }

    /** Sends one mutated device packet on a connected session, then a marker GET; checks the twin's accounting. */
    private String sessionTry(Mutator mutator, long seed) throws Exception {
        RawMqttClient session = client == null ? connected(DEVICE) : client;
        client = session;
        TwinDocument before = twin(DEVICE);
        // one in eight goes unmutated, so that accepted packets are accounted for too; most get a single mutation
        int rounds = switch (mutator.random().nextInt(8)) {
            case 0 -> 0;
            case 1, 2, 3, 4 -> 1;
            default -> 2 + mutator.random().nextInt(3);
        };
        byte[] packet = mutator.mutateBytes(MqttBytes.bytes(template(mutator.random())), MQTT_TOKENS, rounds);
        int[] answers = new int[2];
        String outcome;
        try {
            session.sendRaw(packet);
            outcome = awaitMarker(session, answers, seed, packet);
        } catch (IOException e) {
            outcome = "closed";
        }
        if (outcome.equals("closed")) {
            closeClient();
        }
        TwinDocument after = twin(DEVICE);
        long moved = after.reported().version().orElseThrow() - before.reported().version().orElseThrow();
        assertThat(moved).as("reported $version moves by the 204s (seed %d, %s)", seed, hex(packet))
                .isEqualTo(answers[0]);
        if (answers[0] == 0) {
            assertThat(after.reported()).as("reported after seed %d", seed).isEqualTo(before.reported());
        }
        assertThat(after.desired()).as("desired after seed %d", seed).isEqualTo(before.desired());
        assertThat(after.tags()).as("tags after seed %d", seed).isEqualTo(before.tags());
        return outcome + (answers[0] > 0 ? "-applied" : answers[1] > 0 ? "-refused" : "");
    }

    /**
     * Sends a marker GET and reads until its answer, counting 204s ({@code answers[0]}) and error answers
     * ({@code answers[1]}) on the way. If the server still waits for the rest of a packet, filler (PINGREQs) completes
     * it and the connection is dropped afterwards, so that stray PINGRESPs cannot confuse the next try.
     */
    private String awaitMarker(RawMqttClient session, int[] answers, long seed, byte[] packet) throws IOException {
        String rid = "m" + (++markers);
        session.publish("$iothub/twin/GET/?$rid=" + rid, "");
        for (int filler = 0; ; filler++) {
            try {
                while (true) {
                    MqttMessage message = session.receive(WAITS.get(filler));
                    if (message instanceof MqttPublishMessage publish) {
                        String topic = publish.variableHeader().topicName();
                        if (topic.contains("$rid=" + rid)) {
                            if (filler > 0) {
                                closeClient();
                            }
                            return filler == 0 ? "answered" : "answered-after-filler";
                        }
                        if (topic.startsWith("$iothub/twin/res/204/")) {
                            answers[0]++;
                        } else if (topic.startsWith("$iothub/twin/res/") && !topic.startsWith("$iothub/twin/res/200/")) {
                            answers[1]++;
                        }
                    }
                }
            } catch (SocketTimeoutException e) {
                if (filler == 2) {
                    return fail("no answer to the marker even after filler (seed %d): %s", seed, hex(packet));
                }
                byte[] pings = new byte[filler == 0 ? 64 * 1024 : 300 * 1024];
                for (int i = 0; i < pings.length; i += 2) {
                    pings[i] = (byte) 0xC0;
                }
                session.sendRaw(pings);
                rid = "m" + (++markers);
                session.publish("$iothub/twin/GET/?$rid=" + rid, "");
            }
        }
    }

    /** Sends a mutated CONNECT on a fresh connection; the server answers with a CONNACK, closes, or waits. */
    private String connectTry(Mutator mutator, long seed) throws Exception {
        MqttMessage connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1).clientId(DEVICE).cleanSession(mutator.random().nextBoolean())
                .keepAlive(60).hasUser(true).username(username(DEVICE))
                .hasPassword(true).password(token(DEVICE).getBytes(StandardCharsets.UTF_8))
                .willFlag(mutator.random().nextInt(4) == 0).willTopic("devices/" + DEVICE + "/messages/events/")
                .willMessage("bye".getBytes(StandardCharsets.UTF_8))
                .build();
        byte[] packet = mutator.mutateBytes(MqttBytes.bytes(connect), MQTT_TOKENS);
        TwinDocument before = twin(DEVICE);
        String outcome;
        try (RawMqttClient fresh = new RawMqttClient(emulator.clientSslContext(),
                emulator.mqttPort())) {
            fresh.sendRaw(packet);
            MqttMessage first = fresh.receive(CONNECT_WAIT);
            outcome = first instanceof MqttConnAckMessage ack
                    ? (ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED
                    ? "connect-accepted" : "connect-refused") : "connect-other-" + first.fixedHeader().messageType();
        } catch (SocketTimeoutException e) {
            outcome = "connect-waiting";
        } catch (IOException e) {
            outcome = "connect-closed";
        }
        assertThat(HubState.content(twin(DEVICE))).as("a CONNECT changes no twin (seed %d)", seed)
                .isEqualTo(HubState.content(before));
        return outcome;
    }

    private MqttMessage template(Random random) {
        int n = random.nextInt(1_000_000);
        MqttQoS qos = random.nextBoolean() ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
        return switch (random.nextInt(9)) {
            case 0, 1 -> publish("$iothub/twin/PATCH/properties/reported/?$rid=r" + n, "{\"fz\":" + n + "}", qos, n);
            case 2 -> publish("$iothub/twin/PATCH/properties/reported/?$rid=r" + n + "&$version=" + random.nextInt(5),
                    "{\"fz\":{\"n\":" + n + ",\"s\":\"x\"}}", qos, n);
            case 3 -> publish("$iothub/twin/GET/?$rid=g" + n, "", qos, n);
            case 4 -> publish("devices/" + DEVICE + "/messages/events/a=b", "hello", qos, n);
            case 5 -> MqttMessageBuilders.subscribe().messageId(1 + n % 65535)
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, List.of("devices/" + DEVICE + "/messages/devicebound/#",
                            "$iothub/methods/POST/#", "#", "devices/+/messages/#", DESIRED).get(random.nextInt(5)))
                    .build();
            case 6 -> MqttMessageBuilders.unsubscribe().messageId(1 + n % 65535)
                    .addTopicFilter("devices/" + DEVICE + "/messages/devicebound/#").build();
            case 7 -> MqttMessageBuilders.pubAck().packetId(1 + n % 65535).build();
            default -> MqttMessage.PINGREQ;
        };
    }

    private static MqttMessage publish(String topic, String payload, MqttQoS qos, int n) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(qos == MqttQoS.AT_MOST_ONCE ? 0
                : 1 + n % 65535).payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    private static RawMqttClient connected(String device) throws IOException {
        RawMqttClient connection = new RawMqttClient(emulator.clientSslContext(), emulator.mqttPort());
        assertThat(connection.connect(device, username(device), token(device), 0))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        connection.subscribe(RES, DESIRED);
        return connection;
    }

    /** Sends a GET with {@code rid} and returns the status of its answer. */
    private static int marker(RawMqttClient connection, String rid) throws IOException {
        connection.publish("$iothub/twin/GET/?$rid=" + rid, "");
        while (true) {
            String topic = connection.receivePublish(Duration.ofSeconds(10)).variableHeader().topicName();
            if (topic.endsWith("$rid=" + rid)) {
                return Integer.parseInt(topic.substring("$iothub/twin/res/".length(), topic.indexOf("/?")));
            }
        }
    }

    private void closeClient() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static TwinDocument twin(String device) {
        return emulator.hub().twins().get(TwinKey.device(device));
    }

    private static String username(String device) {
        return "localhost/" + device + "/?api-version=2021-04-12";
    }

    private static String token(String device) {
        String key = emulator.hub().registry().getDevice(DeviceId.of(device)).authentication().symmetricKey()
                .primaryKey();
        return SharedAccessSignature.create(key, "localhost/devices/" + device, Instant.now().getEpochSecond() + 24 * 3600, null);
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : Arrays.copyOf(bytes, Math.min(bytes.length, 200))) {
            text.append(String.format("%02x", b));
        }
        return text + (bytes.length > 200 ? "… (" + bytes.length + " bytes)" : "");
    }
}
