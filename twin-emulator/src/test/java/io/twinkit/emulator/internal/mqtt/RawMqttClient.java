package io.twinkit.emulator.internal.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.twinkit.emulator.testing.ServerClose;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;

/**
 * A blocking MQTT client over a real TLS socket for hostile-input tests: it can send well-formed packets (encoded by
 * Netty's MqttEncoder) or any bytes, and reads packets with a deadline.
 */
public final class RawMqttClient implements AutoCloseable {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(1024 * 1024));
    private final Deque<MqttMessage> pending = new ArrayDeque<>();
    private int packetId;

    /** Connects to 127.0.0.1:{@code port} over TLS with {@code context} and completes the handshake. */
    public RawMqttClient(SSLContext context, int port) throws IOException {
        this(context, "127.0.0.1", port);
    }

    /**
     * Connects to {@code host:port} over TLS with {@code context} and completes the handshake; for an emulator on a
     * loopback address of its own.
     */
    public RawMqttClient(SSLContext context, String host, int port) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        // no Nagle delay: the first packet follows the handshake's last flight at once
        socket.setTcpNoDelay(true);
        // a handshake on a loaded machine may take a while; reads afterwards wait 200 ms at a time
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.setSoTimeout(200);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Encodes {@code message} with Netty's MqttEncoder and writes it. */
    public void send(MqttMessage message) throws IOException {
        encoder.writeOutbound(message);
        for (ByteBuf bytes; (bytes = encoder.readOutbound()) != null; ) {
            try {
                sendRaw(ByteBufUtil.getBytes(bytes));
            } finally {
                bytes.release();
            }
        }
    }

    /** Writes {@code bytes} as they are. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends an MQTT 3.1.1 CONNECT (persistent session) and returns the CONNACK's code. */
    public MqttConnectReturnCode connect(String clientId, String username, @Nullable String password, int keepAlive)
            throws IOException {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1).clientId(clientId).cleanSession(false).keepAlive(keepAlive)
                .hasUser(true).username(username);
        if (password != null) {
            connect.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        send(connect.build());
        return ((MqttConnAckMessage) receive(Duration.ofSeconds(10))).variableHeader().connectReturnCode();
    }

    /** Subscribes to {@code filters} at QoS 1 and reads the next packet, normally the SUBACK. */
    public void subscribe(String... filters) throws IOException {
        MqttMessageBuilders.SubscribeBuilder subscribe = MqttMessageBuilders.subscribe().messageId(++packetId);
        for (String filter : filters) {
            subscribe.addSubscription(MqttQoS.AT_LEAST_ONCE, filter);
        }
        send(subscribe.build());
        receive(Duration.ofSeconds(10));
    }

    /** Publishes {@code payload} as UTF-8 to {@code topic} at QoS 0. */
    public void publish(String topic, String payload) throws IOException {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** Returns the next publish the server sends, skipping acknowledgements. */
    public MqttPublishMessage receivePublish(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            MqttMessage message = receive(Duration.between(Instant.now(), deadline));
            if (message instanceof MqttPublishMessage publish) {
                return publish;
            }
        }
    }

    /**
     * Returns the next packet.
     *
     * @throws IOException if the connection ends or nothing arrives in time
     */
    public MqttMessage receive(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        byte[] buffer = new byte[8192];
        while (pending.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new SocketTimeoutException("no MQTT packet within " + timeout);
            }
            int read;
            try {
                // wait no longer than the deadline, and at most 200 ms per read
                socket.setSoTimeout((int) Math.max(1, Math.min(200,
                        Duration.between(Instant.now(), deadline).toMillis())));
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (read < 0) {
                throw new IOException("the server closed the connection");
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, read));
            for (MqttMessage message; (message = decoder.readInbound()) != null; ) {
                pending.add(message);
            }
        }
        return pending.poll();
    }

    /** Returns whether the server closes the connection within {@code timeout}, reading and dropping packets. */
    public boolean closedByServerWithin(Duration timeout) {
        return ServerClose.closedWithin(in, timeout);
    }

    @Override
    public void close() throws IOException {
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
        socket.close();
    }
}
