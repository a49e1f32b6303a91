package io.twinkit.emulator.internal.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.concurrent.EventExecutorGroup;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.RequestLog;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transport-independent part of the MQTT device API: the sessions of one hub and the handlers that end every
 * pipeline carrying MQTT bytes, whether they come over TLS or a secure WebSocket.
 */
final class MqttFrontEnd {

    private final DeviceSessions sessions;
    private final DeviceAuthenticator authenticator;
    private final TwinRequests requests;
    private final TelemetryIntake telemetry;
    private final MqttLimits limits;
    private final RequestLog requestLog;

    MqttFrontEnd(IotHub hub, DeviceAuthenticator authenticator, MqttLimits limits) {
        this(hub, authenticator, limits, RequestLog.OFF);
    }

    /** As above, logging every CONNECT and every PUBLISH of a device to {@code requestLog}. */
    MqttFrontEnd(IotHub hub, DeviceAuthenticator authenticator, MqttLimits limits, RequestLog requestLog) {
        Objects.requireNonNull(hub, "hub");
        this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
        this.sessions = new DeviceSessions(hub);
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.requests = new TwinRequests(hub);
        this.telemetry = new TelemetryIntake(hub);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Appends the MQTT codec, a {@link MqttReadGate} and a connection handler to {@code pipeline}. The handler runs on
     * {@code group} when given, so that hub calls (which may wait for storage) never block the I/O thread.
     */
    void addMqttHandlers(ChannelPipeline pipeline, @Nullable EventExecutorGroup group) {
        pipeline.addLast("mqttDecoder", new MqttDecoder(limits.maxPacketBytes()));
        pipeline.addLast("mqttEncoder", MqttEncoder.INSTANCE);
        MqttReadGate gate = new MqttReadGate();
        pipeline.addLast("mqttGate", gate);
        pipeline.addLast(group, "mqttConnection", new MqttConnectionHandler(sessions, authenticator, requests, limits,
                gate, telemetry, requestLog));
    }

    /** Returns the limits. */
    MqttLimits limits() {
        return limits;
    }

    /** Returns the sessions. */
    DeviceSessions sessions() {
        return sessions;
    }

    /** Closes the connection of {@code key}, keeping a persistent session; returns whether there was one. */
    boolean dropConnection(TwinKey key) {
        var connection = sessions.connection(key);
        connection.ifPresent(MqttConnectionHandler::closeConnection);
        return connection.isPresent();
    }

    /** Discards every session and closes every connection. */
    void close() {
        sessions.close().forEach(MqttConnectionHandler::closeConnection);
        requests.close();
    }
}
