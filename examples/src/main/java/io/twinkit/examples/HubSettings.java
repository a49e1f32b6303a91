package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.device.DeviceConnectionString;
import io.twinkit.device.Transport;
import io.twinkit.device.DeviceConnection;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.ServiceConnectionString;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the example programs connect, read from environment variables (passed as a map, so tests can give their
 * own):
 *
 * <ul>
 *   <li>{@value #SERVICE_CONNECTION_STRING}: a real hub's service connection string (e.g. the {@code iothubowner}
 *       policy) for the back end;</li>
 *   <li>{@value #DEVICE_CONNECTION_STRING}: a device's connection string on that hub for the simulated device;
 *       {@value #DEVICE_TRANSPORT} may be {@code MQTT} (the default, port 8883) or {@code MQTT_WEBSOCKET} (443);</li>
 *   <li>{@value #EMULATOR_READY}: a standalone twinkit emulator, as the {@code TWINKIT-EMULATOR-READY {...}} line
 *       its launcher printed, or the path of a file holding that line (the launcher's standard output); both
 *       halves then connect to it, trusting its CA, the device over MQTT over WebSocket.</li>
 * </ul>
 *
 * <p>With none of them set, {@link #fromEnvironment} is empty and the program that can starts an emulator
 * in-process ({@link #ofEmulator}). Immutable; each client method builds a new client.
 */
public final class HubSettings {

    /** The variable with a hub's service connection string. */
    public static final String SERVICE_CONNECTION_STRING = "IOTHUB_CONNECTION_STRING";
    /** The variable with a device connection string. */
    public static final String DEVICE_CONNECTION_STRING = "IOTHUB_DEVICE_CONNECTION_STRING";
    /** The variable that picks the device transport for a real hub: {@code MQTT} or {@code MQTT_WEBSOCKET}. */
    public static final String DEVICE_TRANSPORT = "IOTHUB_DEVICE_TRANSPORT";
    /** The variable with a standalone emulator's ready line, or the path of a file that holds it. */
    public static final String EMULATOR_READY = "TWINKIT_EMULATOR_READY";
    /** The device of the tutorial, and of an emulator when no other is named. */
    public static final String DEFAULT_DEVICE_ID = "myDeviceId";

    private static final String READY_WORD = EmulatorCommand.READY_PREFIX.strip();
    private static final Duration READY_FILE_WAIT = Duration.ofSeconds(30);

    private final @Nullable String serviceConnectionString;
    private final @Nullable String deviceConnectionString;
    private final @Nullable String readyLine;
    private final Transport transport;
    private final String description;

    private HubSettings(@Nullable String serviceConnectionString, @Nullable String deviceConnectionString,
            @Nullable String readyLine, Transport transport, String description) {
        this.serviceConnectionString = serviceConnectionString;
        this.deviceConnectionString = deviceConnectionString;
        this.readyLine = readyLine;
        this.transport = transport;
        this.description = description;
    }

    /**
     * Reads the settings from environment variables; blank values count as unset.
     *
     * @param env the environment, such as {@link System#getenv()}
     * @return the settings, or empty when none of the variables is set
     * @throws SettingsException if both a hub and an emulator are named, a connection string or the transport is
     *     malformed, or the emulator's ready line cannot be read
     */
    public static Optional<HubSettings> fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, READY_FILE_WAIT);
    }

    /** As {@link #fromEnvironment(Map)}, waiting at most {@code readyFileWait} for a ready line in a file. */
    static Optional<HubSettings> fromEnvironment(Map<String, String> env, Duration readyFileWait) {
        Objects.requireNonNull(env, "env");
        String service = value(env, SERVICE_CONNECTION_STRING);
        String device = value(env, DEVICE_CONNECTION_STRING);
        String ready = value(env, EMULATOR_READY);
        String transportName = value(env, DEVICE_TRANSPORT);
        if (ready != null && (service != null || device != null)) {
            throw new SettingsException(EMULATOR_READY + " names an emulator, but " + SERVICE_CONNECTION_STRING + " or "
                    + DEVICE_CONNECTION_STRING + " names a hub as well: set one or the other");
        }
        if (ready != null) {
            return Optional.of(ofReadyLine(readyLine(ready, readyFileWait), transportName == null ? Transport.MQTT_WEBSOCKET
                    : transport(transportName), "the emulator at "));
        }
        if (service == null && device == null) {
            return Optional.empty();
        }
        String host;
        try {
            host = service != null ? ServiceConnectionString.parse(service).hostName()
                    : DeviceConnectionString.parse(Objects.requireNonNull(device)).hostName();
            if (device != null) {
                DeviceConnectionString.parse(device);
            }
        } catch (IllegalArgumentException | TwinException e) {
            throw new SettingsException("malformed connection string: " + e.getMessage(), e);
        }
        Transport transport = transportName == null ? Transport.MQTT : transport(transportName);
        return Optional.of(new HubSettings(service, device, null, transport, "IoT Hub " + host));
    }

    /**
     * Returns the settings for an emulator running in this process: both halves connect to it, the device over MQTT
     * when the emulator serves it on port 8883 of a loopback address of its own (the device SDK speaks MQTT over TLS
     * to port 8883 only; {@link EmbeddedEmulator} claims such an address where the machine has one), else over MQTT
     * over WebSocket.
     *
     * @param emulator the running emulator
     * @return the settings
     */
    public static HubSettings ofEmulator(TwinkitEmulator emulator) {
        Objects.requireNonNull(emulator, "emulator");
        Transport transport = emulator.config().ownLoopbackAddress()
                && emulator.mqttPort() == EmulatorConfig.DEFAULT_MQTT_PORT ? Transport.MQTT : Transport.MQTT_WEBSOCKET;
        return ofReadyLine(EmulatorCommand.READY_PREFIX + emulator.readyInfo(), transport, "an embedded emulator at ");
    }

    private static HubSettings ofReadyLine(String line, Transport transport, String what) {
        JsonObject info;
        try {
            info = JsonValue.parse(line.substring(line.indexOf('{'))).asObject();
        } catch (TwinException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new SettingsException("not an emulator ready line (" + READY_WORD + " {json}): " + line, e);
        }
        JsonValue port = info.valueOrNull("httpsPort");
        JsonValue wsPort = info.valueOrNull("mqttWsPort");
        JsonValue mqttPort = info.valueOrNull("mqttPort");
        String host = text(info, "hostName", "localhost");
        String description = what + host + ":" + (port == null ? "?" : port.toString())
                + (transport == Transport.MQTT_WEBSOCKET && wsPort != null
                        ? " (MQTT over WebSocket on port " + wsPort + ")"
                        : transport == Transport.MQTT && mqttPort != null
                        ? " (MQTT on " + text(info, "deviceHost", TwinkitEmulator.DEVICE_HOST) + ":" + mqttPort + ")"
                        : "");
        return new HubSettings(null, null, line, transport, description);
    }

    /** Returns the string member {@code name} of a ready line's JSON, or {@code otherwise}. */
    private static String text(JsonObject info, String name, String otherwise) {
        return info.valueOrNull(name) instanceof JsonString value && !value.value().isBlank() ? value.value()
                : otherwise;
    }

    /** Returns what the settings connect to, for the programs' output: a hub's host, or an emulator's ports. */
    public String description() {
        return description;
    }

    /** Returns whether the settings name an emulator (standalone or embedded) rather than a real hub. */
    public boolean isEmulator() {
        return readyLine != null;
    }

    /** Returns whether a back end can connect: a service connection string or an emulator. */
    public boolean hasBackEnd() {
        return readyLine != null || serviceConnectionString != null;
    }

    /** Returns whether a device can connect: a device connection string or an emulator. */
    public boolean hasDevice() {
        return readyLine != null || deviceConnectionString != null;
    }

    /**
     * Returns the back end's service connection string: the hub's, or the one the emulator announces in its ready
     * line.
     *
     * @return the connection string
     * @throws SettingsException if the settings name neither, or the ready line announces none
     */
    ServiceConnectionString serviceConnectionString() {
        if (readyLine != null) {
            JsonValue announced = JsonValue.parse(readyLine.substring(readyLine.indexOf('{'))).asObject()
                    .valueOrNull("serviceConnectionString");
            if (!(announced instanceof JsonString text)) {
                throw new SettingsException("the emulator's ready line announces no serviceConnectionString: "
                        + readyLine);
            }
            return ServiceConnectionString.parse(text.value());
        }
        if (serviceConnectionString == null) {
            throw new SettingsException("the back end needs " + SERVICE_CONNECTION_STRING + " (or " + EMULATOR_READY
                    + " for an emulator)");
        }
        return ServiceConnectionString.parse(serviceConnectionString);
    }

    /** Returns the transport the device connects with. */
    public Transport transport() {
        return transport;
    }

    /**
     * Returns the device the programs work with: {@code requested}, else the one of the device connection string,
     * else {@value #DEFAULT_DEVICE_ID}.
     *
     * @param requested a device id given on the command line, or null
     * @return the device id
     * @throws SettingsException if {@code requested} is not a valid device id, or not the device of the device
     *     connection string
     */
    public DeviceId deviceId(@Nullable String requested) {
        @Nullable DeviceId connected = deviceConnectionString == null ? null
                : DeviceConnectionString.parse(deviceConnectionString).deviceId();
        if (requested == null) {
            return connected == null ? DeviceId.of(DEFAULT_DEVICE_ID) : connected;
        }
        DeviceId id;
        try {
            id = DeviceId.of(requested);
        } catch (IllegalArgumentException | TwinException e) {
            throw new SettingsException("bad device id: " + e.getMessage(), e);
        }
        if (connected != null && !connected.equals(id)) {
            throw new SettingsException("device " + id.value() + " was asked for, but " + DEVICE_CONNECTION_STRING
                    + " connects " + connected.value());
        }
        return id;
    }

    /**
     * Builds the back-end client.
     *
     * @return a new client
     * @throws SettingsException if the settings name neither a service connection string nor an emulator
     */
    public TwinServiceClient backEnd() {
        if (readyLine != null) {
            return TwinServiceClient.builder().emulatorReadyLine(readyLine).build();
        }
        if (serviceConnectionString == null) {
            throw new SettingsException("the back end needs " + SERVICE_CONNECTION_STRING + " (or " + EMULATOR_READY
                    + " for an emulator)");
        }
        return TwinServiceClient.builder().connectionString(serviceConnectionString).build();
    }

    /**
     * Builds the client of the simulated device, not yet open.
     *
     * @param deviceId the device, as {@link #deviceId(String)} chose it
     * @return a new client
     * @throws SettingsException if the settings name neither a device connection string nor an emulator, or the
     *     emulator does not announce the device
     */
    public DeviceConnection device(DeviceId deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (readyLine != null) {
            try {
                return DeviceConnection.builder().emulatorReadyLine(readyLine, deviceId.value()).transport(transport)
                        .build();
            } catch (IllegalArgumentException e) {
                throw new SettingsException("the emulator cannot connect device " + deviceId.value() + " (start it"
                        + " with --device " + deviceId.value() + "): " + e.getMessage(), e);
            }
        }
        if (deviceConnectionString == null) {
            throw new SettingsException("the device needs " + DEVICE_CONNECTION_STRING + " (or " + EMULATOR_READY
                    + " for an emulator)");
        }
        return DeviceConnection.builder().connectionString(deviceConnectionString).transport(transport).build();
    }

    @Override
    public String toString() {
        return "HubSettings[" + description + ", device transport " + transport + "]";
    }

    private static @Nullable String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Transport transport(String name) {
        try {
            return Transport.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(DEVICE_TRANSPORT + " is '" + name + "'; use MQTT or MQTT_WEBSOCKET", e);
        }
    }

    /** The ready line itself, or the one the file it names holds, waiting a while for a starting emulator. */
    private static String readyLine(String value, Duration wait) {
        if (value.startsWith(READY_WORD) || value.startsWith("{")) {
            return value;
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new SettingsException(EMULATOR_READY + " is neither a ready line nor a file path: " + value, e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String line = readyLineIn(file);
            if (line != null) {
                return line;
            }
            if (System.nanoTime() > deadline) {
                throw new SettingsException("no " + READY_WORD + " line in " + file.toAbsolutePath() + " after "
                        + wait.toSeconds() + " s: is the emulator running, with its output sent there?");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SettingsException("interrupted while waiting for " + file, e);
            }
        }
    }

    private static @Nullable String readyLineIn(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(READY_WORD) && line.strip().endsWith("}")) {
                    return line.strip();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
