package io.twinkit.junit;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import io.twinkit.device.DeviceConnectionString;
import io.twinkit.device.Transport;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.OwnLoopbackUnavailableException;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator the extension started, with its endpoint, in an extension store: JUnit closes it with the class (or the
 * run) it belongs to. It keeps what was handed out for it (clients, connection factories) and closes what is still
 * open of them before the emulator, so that no client outlives the emulator it talks to. Thread-safe.
 */
final class StartedEmulator implements ExtensionContext.Store.CloseableResource {

    private static final Logger LOG = LoggerFactory.getLogger(StartedEmulator.class);

    private final TwinkitEmulator emulator;
    private final EmulatorEndpoint endpoint;
    private final Set<AutoCloseable> dependents = new LinkedHashSet<>();
    private boolean closed;

    private StartedEmulator(TwinkitEmulator emulator, EmulatorEndpoint endpoint) {
        this.emulator = emulator;
        this.endpoint = endpoint;
    }

    /**
     * Starts an emulator as {@code spec} says and creates its devices and modules: for {@link Transport#MQTT} on a
     * loopback address of its own with MQTT on 8883 and free other ports (or, where no such address can be claimed,
     * with a warning, as for {@link Transport#MQTT_WEBSOCKET}), for {@link Transport#MQTT_WEBSOCKET} on 127.0.0.1
     * with free ports only.
     *
     * @param spec what to start
     * @param where the annotation and class, for error messages
     * @return the started emulator
     * @throws ExtensionConfigurationException if it cannot be started or seeded; nothing stays open then
     */
    static StartedEmulator start(HubSpec spec, String where) {
        return start(spec, where, TwinkitEmulator::start);
    }

    /**
     * Starts an emulator as {@link #start(HubSpec, String)} does, through {@code starter}.
     *
     * @param spec what to start
     * @param where the annotation and class, for error messages
     * @param starter starts an emulator with a configuration ({@link TwinkitEmulator#start} but in tests)
     * @return the started emulator
     * @throws ExtensionConfigurationException if it cannot be started or seeded; nothing stays open then
     */
    static StartedEmulator start(HubSpec spec, String where, Function<EmulatorConfig, TwinkitEmulator> starter) {
        List<DeviceId> devices = new ArrayList<>();
        for (TwinKey key : spec.keys()) {
            if (!devices.contains(key.deviceId())) {
                devices.add(key.deviceId());
            }
        }
        EmulatorConfig.Builder config = EmulatorConfig.builder().hubName(spec.hubName()).httpsPort(0).mqttPort(0)
                .mqttWsPort(0).devices(devices);
        Transport transport = spec.transport();
        TwinkitEmulator emulator;
        try {
            if (transport == Transport.MQTT) {
                try {
                    emulator = starter.apply(config.ownLoopbackAddress(true)
                            .mqttPort(EmulatorConfig.DEFAULT_MQTT_PORT).build());
                } catch (OwnLoopbackUnavailableException e) {
                    LOG.warn("{}: devices connect over MQTT over WebSocket, not MQTT: the device SDK speaks MQTT on port"
                            + " 8883 only, and the emulator could not claim a loopback address of its own to serve it"
                            + " on ({}); to test over MQTT, make 127.0.0.2 and up local addresses, or set"
                            + " @EmulatorHub(transport = MQTT_WEBSOCKET) to choose this and silence this warning",
                            where, e.getMessage());
                    transport = Transport.MQTT_WEBSOCKET;
                    emulator = starter.apply(config.ownLoopbackAddress(false).mqttPort(0).build());
                }
            } else {
                emulator = starter.apply(config.build());
            }
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(where + ": the emulator could not start: " + e.getMessage(), e);
        }
        try {
            for (TwinKey key : spec.keys()) {
                if (key.isModule() && emulator.hub().registry().find(key).isEmpty()) {
                    emulator.hub().registry().createModule(key.deviceId(), key.module().orElseThrow());
                }
            }
            Map<String, String> connectionStrings = new LinkedHashMap<>();
            for (int i = 0; i < spec.devices().size(); i++) {
                connectionStrings.put(spec.devices().get(i), connectionString(emulator, spec.keys().get(i)));
            }
            EmulatorEndpoint endpoint = new EmulatorEndpoint(EmulatorCommand.READY_PREFIX + emulator.readyInfo(),
                    spec.hubName(), emulator.serviceHost(), emulator.deviceHost(), emulator.httpsPort(),
                    emulator.mqttPort(), emulator.mqttWsPort(), emulator.caCertificatePem(),
                    emulator.serviceConnectionString(), connectionStrings, transport);
            LOG.debug("{}: started {}", where, endpoint);
            return new StartedEmulator(emulator, endpoint);
        } catch (RuntimeException e) {
            try {
                emulator.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw new ExtensionConfigurationException(where + ": the emulator started but could not be seeded: "
                    + e.getMessage(), e);
        }
    }

    /** Returns the emulator. */
    TwinkitEmulator emulator() {
        return emulator;
    }

    /** Returns where it listens, as it started. */
    EmulatorEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Returns the current connection string of a device or module of the emulator, with its primary key.
     *
     * @throws IllegalArgumentException if it does not exist or has no SAS keys
     */
    String connectionString(TwinKey key) {
        if (emulator.hub().registry().find(key).isEmpty()) {
            throw new IllegalArgumentException("the emulator has no " + (key.isModule() ? "module " : "device ") + key
                    + "; declare it on @EmulatorHub(devices) or create it first (emulator.hub().registry())");
        }
        try {
            return connectionString(emulator, key);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String connectionString(TwinkitEmulator emulator, TwinKey key) {
        String device = emulator.deviceConnectionString(key.deviceId());
        if (!key.isModule()) {
            return device;
        }
        ModuleId module = key.module().orElseThrow();
        DeviceIdentity identity = emulator.hub().registry().getModule(key.deviceId(), module);
        SymmetricKey keys = identity.authentication().symmetricKey();
        if (keys == null) {
            throw new IllegalStateException("module " + key + " does not authenticate with SAS keys, so it has no"
                    + " connection string");
        }
        return "HostName=" + DeviceConnectionString.parse(device).hostName() + ";DeviceId=" + key.deviceId().value()
                + ";ModuleId=" + module.value() + ";SharedAccessKey=" + keys.primaryKey();
    }

    /**
     * Registers something handed out for this emulator, closed before it unless it was closed (and
     * {@linkplain #release released}) first.
     *
     * @throws IllegalStateException if the emulator is closed already
     */
    synchronized void hold(AutoCloseable dependent) {
        if (closed) {
            throw new IllegalStateException("the @EmulatorHub emulator " + endpoint + " is closed");
        }
        dependents.add(dependent);
    }

    /** Forgets a dependent that was closed on its own. */
    synchronized void release(AutoCloseable dependent) {
        dependents.remove(dependent);
    }

    /** Closes what is still open of the dependents, the most recent first, then the emulator. */
    @Override
    public void close() throws Exception {
        List<AutoCloseable> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(dependents);
            dependents.clear();
        }
        Exception failure = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        try {
            emulator.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        LOG.debug("closed {}", endpoint);
        if (failure != null) {
            throw failure;
        }
    }

    /** Returns the endpoint's description. */
    @Override
    public String toString() {
        return "StartedEmulator[" + endpoint + "]";
    }
}
