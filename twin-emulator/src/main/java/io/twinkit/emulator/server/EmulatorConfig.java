package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.HubOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TwinkitEmulator} serves and where: the hub's name and data directory, the three ports, the address
 * they are bound to and the devices that must exist.
 *
 * <pre>{@code
 * EmulatorConfig config = EmulatorConfig.builder()
 *         .dataDirectory(Path.of("build/hub"))   // keeps twins, identities and the CA across restarts
 *         .httpsPort(0)                          // any free port; see TwinkitEmulator.httpsPort()
 *         .device(DeviceId.of("dev1"))           // created with fresh keys unless it exists
 *         .build();
 * }</pre>
 *
 * <p>Defaults: hub {@code twinkit}, in memory, HTTPS on 8443, MQTT over TLS on 8883 (the only port the official
 * device SDK uses for MQTT), MQTT over WebSocket on 9443, all bound to 127.0.0.1, no devices. Port 0 means any free
 * port. Immutable and thread-safe.
 */
public final class EmulatorConfig {

    /** The default port of the HTTPS service API. */
    public static final int DEFAULT_HTTPS_PORT = 8443;
    /** The default port of MQTT over TLS, the one the official device SDK connects to. */
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** The default port of MQTT over secure WebSocket. */
    public static final int DEFAULT_MQTT_WS_PORT = 9443;

    private final String hubName;
    private final @Nullable Path dataDirectory;
    private final boolean recoverStore;
    private final int httpsPort;
    private final int mqttPort;
    private final int mqttWsPort;
    private final InetAddress bindAddress;
    private final List<DeviceId> devices;

    private EmulatorConfig(Builder b) {
        this.hubName = b.hubName;
        this.dataDirectory = b.dataDirectory;
        this.recoverStore = b.recoverStore;
        this.httpsPort = b.httpsPort;
        this.mqttPort = b.mqttPort;
        this.mqttWsPort = b.mqttWsPort;
        this.bindAddress = b.bindAddress;
        this.devices = List.copyOf(b.devices);
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the defaults (see the class comment). */
    public static EmulatorConfig defaults() {
        return new Builder().build();
    }

    /** Returns the hub name, {@code twinkit} by default. */
    public String hubName() {
        return hubName;
    }

    /** Returns the data directory that keeps the hub's state and its certificates, if there is one. */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /**
     * Returns whether a damaged store in the data directory is recovered to what is intact instead of stopping the
     * start (false); see {@link HubOptions#recoverStore()}.
     */
    public boolean recoverStore() {
        return recoverStore;
    }

    /** Returns the port of the HTTPS service API; 0 is any free port. */
    public int httpsPort() {
        return httpsPort;
    }

    /** Returns the port of MQTT over TLS; 0 is any free port. */
    public int mqttPort() {
        return mqttPort;
    }

    /** Returns the port of MQTT over secure WebSocket; 0 is any free port. */
    public int mqttWsPort() {
        return mqttWsPort;
    }

    /** Returns the address every listener is bound to, 127.0.0.1 by default. */
    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** Returns the devices that are created at start unless they exist, in the order given, without repeats. */
    public List<DeviceId> devices() {
        return devices;
    }

    /** Returns a builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hubName = hubName;
        b.dataDirectory = dataDirectory;
        b.recoverStore = recoverStore;
        b.httpsPort = httpsPort;
        b.mqttPort = mqttPort;
        b.mqttWsPort = mqttWsPort;
        b.bindAddress = bindAddress;
        b.devices.addAll(devices);
        return b;
    }

    /** Returns the settings, for logs. */
    @Override
    public String toString() {
        return "EmulatorConfig[hub " + hubName + ", " + (dataDirectory == null ? "in memory"
                : dataDirectory + (recoverStore ? " (recovering)" : ""))
                + ", https " + httpsPort + ", mqtt " + mqttPort + ", mqtt-ws " + mqttWsPort + " on "
                + bindAddress.getHostAddress() + ", devices " + devices + "]";
    }

    /** A mutable builder of {@link EmulatorConfig}; not thread-safe. */
    public static final class Builder {

        private String hubName = HubOptions.defaults().hubName();
        private @Nullable Path dataDirectory;
        private boolean recoverStore;
        private int httpsPort = DEFAULT_HTTPS_PORT;
        private int mqttPort = DEFAULT_MQTT_PORT;
        private int mqttWsPort = DEFAULT_MQTT_WS_PORT;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private final Set<DeviceId> devices = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Sets the hub name.
         *
         * @throws IllegalArgumentException unless it is 3 to 50 letters, digits and hyphens (as {@link HubOptions})
         */
        public Builder hubName(String value) {
            HubOptions.builder().hubName(value);
            this.hubName = value;
            return this;
        }

        /**
         * Sets the data directory; {@code null} keeps everything in memory.
         *
         * @throws IllegalArgumentException if it is empty or blank, which would silently be the current directory
         */
        public Builder dataDirectory(@Nullable Path value) {
            HubOptions.builder().dataDirectory(value);
            this.dataDirectory = value;
            return this;
        }

        /** Sets whether a damaged store is recovered to what is intact instead of refused. */
        public Builder recoverStore(boolean value) {
            this.recoverStore = value;
            return this;
        }

        /**
         * Sets the port of the HTTPS service API.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder httpsPort(int value) {
            this.httpsPort = checkPort("httpsPort", value);
            return this;
        }

        /**
         * Sets the port of MQTT over TLS; the official device SDK only connects to 8883.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder mqttPort(int value) {
            this.mqttPort = checkPort("mqttPort", value);
            return this;
        }

        /**
         * Sets the port of MQTT over secure WebSocket.
         *
         * @throws IllegalArgumentException unless it is 0 to 65535
         */
        public Builder mqttWsPort(int value) {
            this.mqttWsPort = checkPort("mqttWsPort", value);
            return this;
        }

        /**
         * Sets the address the listeners are bound to. The server certificate names only {@code localhost},
         * 127.0.0.1 and ::1, so clients that verify host names must still use one of those.
         */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Adds a device that is created at start unless it exists; adding one twice has no further effect. */
        public Builder device(DeviceId value) {
            devices.add(Objects.requireNonNull(value, "device"));
            return this;
        }

        /** Adds devices, as {@link #device(DeviceId)} does for each. */
        public Builder devices(List<DeviceId> values) {
            Objects.requireNonNull(values, "devices").forEach(this::device);
            return this;
        }

        /** Returns the configuration. */
        public EmulatorConfig build() {
            return new EmulatorConfig(this);
        }

        private static int checkPort(String name, int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException(name + " " + value + " must be 0 (any free port) to 65535");
            }
            return value;
        }
    }
}
