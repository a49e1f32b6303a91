package io.twinkit.emulator.internal.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.Subscription;
import io.twinkit.core.TwinKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The MQTT session of one client id: its topic filters with their granted QoS, which outlive the network connection
 * while the client asks for a persistent session ({@code cleanSession = false}), and the connection it is attached
 * to, if any. The device SDK subscribes to desired properties once and relies on the hub to keep that subscription
 * across reconnects, so the hub-side listener lives as long as the session.
 *
 * <p>Thread-safe: filters are guarded by this object, the attached connection is published through a volatile field
 * so that the hub's notification thread reads it without taking a lock.
 */
final class DeviceSession {

    private final TwinKey key;
    private final boolean clean;
    private final Map<String, MqttQoS> filters = new LinkedHashMap<>();
    private volatile @Nullable MqttConnectionHandler attached;
    private @Nullable Subscription desired;

    DeviceSession(TwinKey key, boolean clean) {
        this.key = Objects.requireNonNull(key, "key");
        this.clean = clean;
    }

    TwinKey key() {
        return key;
    }

    /** Returns whether the session ends with its connection. */
    boolean isClean() {
        return clean;
    }

    /** Returns the QoS granted for exactly {@code filter}, if the session holds it. */
    synchronized Optional<MqttQoS> granted(String filter) {
        return Optional.ofNullable(filters.get(filter));
    }

    /**
     * Adds or regrants {@code filter}; a new filter beyond {@code max} filters is refused.
     *
     * @return whether the session holds the filter now
     */
    synchronized boolean subscribe(String filter, MqttQoS qos, int max) {
        if (!filters.containsKey(filter) && filters.size() >= max) {
            return false;
        }
        filters.put(filter, qos);
        return true;
    }

    /** Removes {@code filter}; removing one the session does not hold does nothing. */
    synchronized void unsubscribe(String filter) {
        filters.remove(filter);
    }

    /** Returns a copy of the filters, for tests and logs. */
    synchronized Map<String, MqttQoS> filters() {
        return Map.copyOf(filters);
    }

    @Nullable MqttConnectionHandler attached() {
        return attached;
    }

    void attach(@Nullable MqttConnectionHandler connection) {
        this.attached = connection;
    }

    /** Keeps the hub subscription that feeds {@link #onDesiredChange}; the session closes it when discarded. */
    synchronized void listenWith(Subscription subscription) {
        this.desired = subscription;
    }

    /** Hands a desired-properties notification to the attached connection; none attached means it is dropped. */
    void onDesiredChange(TwinKey twin, JsonObject payload) {
        MqttConnectionHandler connection = attached;
        if (connection != null) {
            connection.deliverDesired(this, payload);
        }
    }

    /** Ends the session: no further notifications. */
    synchronized void discard() {
        if (desired != null) {
            desired.close();
            desired = null;
        }
        attached = null;
    }

    /** Returns the client id and filters, for logs. */
    @Override
    public synchronized String toString() {
        return "DeviceSession[" + key + (clean ? ", clean" : "") + ", " + filters.keySet() + "]";
    }
}
