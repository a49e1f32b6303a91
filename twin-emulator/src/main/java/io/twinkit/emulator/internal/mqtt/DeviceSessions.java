package io.twinkit.emulator.internal.mqtt;

import io.twinkit.core.ConnectionState;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one MQTT front end, by client id. Attaching a connection to a client id that already has one
 * closes the old connection (IoT Hub allows one connection per device); a persistent session survives its connection, a
 * clean one is discarded with it, and either is replaced when a clean connection comes in or a persistent one
 * follows a clean one. Sessions live in memory: a restarted front end starts with none.
 *
 * <p>Thread-safe.
 */
final class DeviceSessions {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSessions.class);

    /**
     * The result of {@link #attach}.
     *
     * @param session the session the connection now owns
     * @param present whether it was resumed (the CONNACK's session-present flag)
     * @param previous the connection that held the client id before and must be closed, or {@code null}
     */
    record Attachment(DeviceSession session, boolean present, @Nullable MqttConnectionHandler previous) {
    }

    private final IotHub hub;
    private final Map<TwinKey, DeviceSession> sessions = new HashMap<>();
    private boolean closed;

    DeviceSessions(IotHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** Returns the hub the sessions belong to. */
    IotHub hub() {
        return hub;
    }

    /**
     * Attaches {@code connection} to the session of {@code key}, resuming a persistent one unless {@code clean}, and
     * records the device as connected (with the {@code model-id} it announced, if any).
     *
     * @throws IllegalStateException if the sessions or the hub are closed
     */
    synchronized Attachment attach(TwinKey key, boolean clean, MqttConnectionHandler connection,
                                   @Nullable String modelId) {
        if (closed) {
            throw new IllegalStateException("the MQTT front end is closed");
        }
        // first, so that a device deleted meanwhile is refused before any session changes
        hub.registry().recordConnection(key, ConnectionState.CONNECTED, modelId);
        DeviceSession existing = sessions.get(key);
        MqttConnectionHandler previous = existing == null ? null : existing.attached();
        if (existing != null && !clean && !existing.isClean()) {
            existing.attach(connection);
            return new Attachment(existing, true, previous);
        }
        DeviceSession session = new DeviceSession(key, clean);
        session.listenWith(hub.twins().subscribe(key, session::onDesiredChange));
        if (existing != null) {
            existing.discard();
        }
        session.attach(connection);
        sessions.put(key, session);
        return new Attachment(session, false, previous);
    }

    /**
     * Detaches {@code connection} if it still owns {@code session} and records the device as disconnected; a clean
     * session ends here. A connection taken over by a newer one owns nothing, so it does not mark the device
     * disconnected.
     */
    synchronized void detach(DeviceSession session, MqttConnectionHandler connection) {
        if (session.attached() != connection) {
            return;
        }
        session.attach(null);
        try {
            hub.registry().recordConnection(session.key(), ConnectionState.DISCONNECTED, null);
        } catch (RuntimeException e) {
            // the device may have been deleted while connected; the session still ends
            LOG.debug("could not record the disconnection of {}", session.key(), e);
        }
        if (session.isClean()) {
            session.discard();
            sessions.remove(session.key(), session);
        }
    }

    /** Returns the connection attached to the session of {@code key}, if any. */
    synchronized Optional<MqttConnectionHandler> connection(TwinKey key) {
        DeviceSession session = sessions.get(key);
        return Optional.ofNullable(session == null ? null : session.attached());
    }

    /** Returns the session of {@code key}, if any. */
    synchronized Optional<DeviceSession> session(TwinKey key) {
        return Optional.ofNullable(sessions.get(key));
    }

    /**
     * Discards every session and returns the connections that were attached, for the caller to close; each device
     * that had one is recorded as disconnected now, since its connection no longer detaches it.
     */
    synchronized List<MqttConnectionHandler> close() {
        closed = true;
        List<MqttConnectionHandler> connections = new ArrayList<>();
        for (DeviceSession session : sessions.values()) {
            MqttConnectionHandler connection = session.attached();
            if (connection != null) {
                connections.add(connection);
                try {
                    hub.registry().recordConnection(session.key(), ConnectionState.DISCONNECTED, null);
                } catch (RuntimeException e) {
                    // deleted meanwhile, or the hub closed first: nothing left to record
                    LOG.debug("could not record the disconnection of {}", session.key(), e);
                }
            }
            session.discard();
        }
        sessions.clear();
        return connections;
    }
}
