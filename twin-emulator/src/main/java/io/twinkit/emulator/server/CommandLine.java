package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.core.InvalidIdException;
import io.twinkit.emulator.ConnectionLimits;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed arguments of {@link EmulatorCommand}: either a request for help or an {@link EmulatorConfig}.
 *
 * @param help whether {@code --help} was given
 * @param config the configuration the other options describe
 */
record CommandLine(boolean help, EmulatorConfig config) {

    static final String USAGE = """
            Usage: java -jar twin-emulator-cli.jar [options]
              --https-port N     port of the HTTPS service API, which also serves MQTT over secure WebSocket at
                                 /$iothub/websocket as IoT Hub does (default 8443; 0 = any free port)
              --mqtt-port N      port of MQTT over TLS (default 8883, the only one the device SDK uses; 0 = any)
              --mqtt-ws-port N   another port of MQTT over secure WebSocket (default 9443; 0 = any free port;
                                 off = none, only the HTTPS port serves it)
              --data-dir DIR     keep the hub and its certificates in DIR (default: in memory); created
                                 owner-only (0700, files 0600)
              --recover-store    start a damaged store in DIR from what is intact: drop records that fail their
                                 check, give up lost commits, and print what was lost (default: refuse to start)
              --hub-name NAME    hub name, 3 to 50 letters, digits or '-' (default twinkit)
              --device ID        create device ID unless it exists (repeatable)
              --accept-host NAME accept SAS tokens whose sr names host NAME (repeatable), for clients that reach
                                 the emulator under another name (proxy, DNS, GatewayHostName); tokens must
                                 otherwise name localhost, 127.0.0.1, ::1, the bind address or
                                 <hub-name>.azure-devices.net (any case, any :port)
              --accept-any-host  accept SAS tokens whatever host their sr names (only the path is checked)
              --https-max-connections N   most open HTTPS connections; more are closed at once (default 1000)
              --https-idle-timeout S      close an HTTPS connection without a complete request for S seconds,
                                          counted from its start or its last response (default 30)
              --mqtt-max-connections N    most open MQTT connections, TLS and WebSocket together (default 2000)
              --mqtt-connect-timeout S    close an MQTT connection that sends no CONNECT within S seconds (default 30)
              --tls-handshake-timeout S   close a connection whose TLS handshake takes over S seconds (default 10)
              --help             show this help
            When ready, prints one line to stdout: TWINKIT-EMULATOR-READY {json with ports, connection strings and
            trust store}. Stops on SIGTERM or Ctrl-C.
            Ports the official SDKs need, whatever the connection string says: Java device SDK MQTT 8883,
            MQTT_WS 443; Java service SDK 443 (another port only through its host-name constructors); Node SDKs
            443 for HTTPS and MQTT_WS, 8883 for MQTT. So run --https-port 443 --mqtt-port 8883; with HTTPS on 443
            the ready line's connection strings carry the bare host (HostName=127.0.0.1). Ports below 1024
            need root, or once: sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(which java)")", or
            sudo sysctl net.ipv4.ip_unprivileged_port_start=443.
            """;

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the offending argument: an unknown option, a missing, empty or invalid
     *     value, an option other than {@code --device} and {@code --accept-host} given twice, or
     *     {@code --recover-store} without a data directory
     */
    static CommandLine parse(List<String> args) {
        EmulatorConfig.Builder config = EmulatorConfig.builder();
        ConnectionLimits https = ConnectionLimits.httpsDefaults();
        ConnectionLimits mqtt = ConnectionLimits.mqttDefaults();
        Set<String> seen = new HashSet<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--recover-store")) {
                config.recoverStore(true);
                continue;
            }
            if (!option.equals("--device") && !option.equals("--accept-host") && !seen.add(option)) {
                throw new IllegalArgumentException("option " + option + " is given twice");
            }
            switch (option) {
                case "--https-port" -> config.httpsPort(port(option, value(args, ++i, option)));
                case "--mqtt-port" -> config.mqttPort(port(option, value(args, ++i, option)));
                case "--mqtt-ws-port" -> {
                    String value = value(args, ++i, option);
                    if (value.equals("off")) {
                        config.separateMqttWsPort(false);
                    } else {
                        config.mqttWsPort(port(option, value));
                    }
                }
                case "--data-dir" -> config.dataDirectory(directory(option, value(args, ++i, option)));
                case "--hub-name" -> config.hubName(value(args, ++i, option));
                case "--device" -> config.device(deviceId(value(args, ++i, option)));
                case "--accept-host" -> config.acceptHostName(hostName(value(args, ++i, option)));
                case "--accept-any-host" -> config.acceptAnyHostName(true);
                case "--https-max-connections" -> https = https.withMaxConnections(
                        positive(option, value(args, ++i, option)));
                case "--https-idle-timeout" -> https = https.withIdleTimeout(
                        Duration.ofSeconds(positive(option, value(args, ++i, option))));
                case "--mqtt-max-connections" -> mqtt = mqtt.withMaxConnections(
                        positive(option, value(args, ++i, option)));
                case "--mqtt-connect-timeout" -> mqtt = mqtt.withIdleTimeout(
                        Duration.ofSeconds(positive(option, value(args, ++i, option))));
                case "--tls-handshake-timeout" -> {
                    Duration timeout = Duration.ofSeconds(positive(option, value(args, ++i, option)));
                    https = https.withHandshakeTimeout(timeout);
                    mqtt = mqtt.withHandshakeTimeout(timeout);
                }
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        EmulatorConfig built = config.httpsLimits(https).mqttLimits(mqtt).build();
        if (built.recoverStore() && built.dataDirectory().isEmpty()) {
            throw new IllegalArgumentException("option --recover-store needs --data-dir: an in-memory hub has no"
                    + " store to recover");
        }
        return new CommandLine(help, built);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args.get(index);
    }

    private static Path directory(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("option " + option + " needs a directory, not an empty value (which"
                    + " would be the current directory)");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("option " + option + ": '" + value + "' is not a path: "
                    + e.getMessage(), e);
        }
    }

    private static DeviceId deviceId(String value) {
        try {
            return DeviceId.of(value);
        } catch (InvalidIdException e) {
            throw new IllegalArgumentException("option --device: " + e.getMessage(), e);
        }
    }

    private static String hostName(String value) {
        try {
            EmulatorConfig.builder().acceptHostName(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option --accept-host: " + e.getMessage(), e);
        }
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("option " + option + " needs a whole number of at least 1, not '" + value
                + "'");
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("option " + option + " needs a port number from 0 to 65535, not '"
                + value + "'");
    }
}
