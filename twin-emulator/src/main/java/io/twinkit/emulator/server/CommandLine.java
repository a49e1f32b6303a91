package io.twinkit.emulator.server;

import io.twinkit.core.DeviceId;
import io.twinkit.core.InvalidIdException;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottlingTier;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed arguments of {@link EmulatorCommand}: either a request for help or an {@link EmulatorConfig}.
 *
 * @param help whether {@code --help} was given
 * @param config the configuration the other options describe
 * @param logTelemetry whether {@code --log-telemetry} was given: one line on standard error per telemetry message
 * @param logRequests whether {@code --log-requests} was given: one line on standard error per HTTPS request, MQTT
 *     CONNECT and MQTT PUBLISH
 */
record CommandLine(boolean help, EmulatorConfig config, boolean logTelemetry, boolean logRequests) {

    /** The options that may be given more than once. */
    private static final Set<String> REPEATABLE = Set.of("--device", "--accept-host", "--host-name");

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
              --durability MODE  when a write to DIR is acknowledged: sync = once synced to the disk, nothing
                                 acknowledged is lost on a crash or power loss (default); relaxed = once written
                                 to the store file, synced every 100 ms: nothing lost on a crash of the process,
                                 up to 100 ms of writes lost on a power loss. Writes arriving together share one
                                 commit either way
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
              --bind-address ADDR         bind every listener to ADDR, an IP address (default 127.0.0.1; 0.0.0.0 =
                                          all interfaces); a specific address is also a host name tokens may name
              --host-name NAME            a DNS name or IP address the emulator is reached under (repeatable):
                                          the server certificate names it (DNS or IP entry; with --data-dir the
                                          same CA re-issues it when the names change), SAS tokens may name it,
                                          and the first is the host of the connection strings and the ready line.
                                          The Java device SDK needs a dot in it (emulator.local, an IP address)
              --cert FILE --key FILE      present this server certificate instead of the emulator's own: FILE of
                                          --cert holds the PEM chain, server certificate first, then its issuers;
                                          FILE of --key its unencrypted PEM private key (RSA or EC; PKCS#8, PKCS#1
                                          or SEC1). Checked at start (readable, in order, not expired, key fits).
                                          The ready line then hands out the chain's last certificate (its root,
                                          else the server certificate) as the CA. The certificate must name the
                                          hosts clients use
              --own-loopback-address      claim a loopback address of this emulator's own, the first of 127.0.0.2 to
                                          127.0.0.254 where all its ports can be bound, so several emulators (or a
                                          local MQTT broker) each have port 8883; every listener, the certificate,
                                          the connection strings and the ready line's deviceHost use it. Linux
                                          has them all; macOS only after 'sudo ifconfig lo0 alias 127.0.0.2 up'
                                          (else the start fails, saying so). Excludes --bind-address and
                                          --host-name
            Hub behaviour (the service's by default):
              --throttling-tier TIER      answer 429 past the twin and query rates of IoT Hub tier S1, S2 or S3
                                          (default: no throttling)
              --throttling-units N        units of the tier, at least 1 (default 1); needs --throttling-tier
              --query-lag MS              queries see a write MS milliseconds after it is made, as the service's
                                          eventually consistent queries do (default 0)
              --configuration-apply-delay MS   automatic device configurations are applied to the twins MS
                                          milliseconds after a change, asynchronously as on the service, from
                                          0 to 86400000 (default 100)
              --default-page-size N       items in a query page when the request asks for none (default 100)
              --max-page-size N           most items in a query page; larger requests get this many (default 1000)
              --query-cursor-budget BYTES bytes the kept results of paged queries may hold at once, at least 1024
                                          (default 67108864, 64 MiB)
              --empty-desired-bumps-version true|false   an update with an empty properties.desired raises the
                                          desired $version and notifies (default true)
              --reject-reported-in-service-patch true|false   refuse a service update that carries reported
                                          properties with 400 (default true)
              --size-violation-is-403 true|false   answer an oversized twin section with 403 instead of 400
                                          (default false)
              --telemetry-journal-size N  telemetry messages the hub keeps for GET /twinkit/telemetry[/stream],
                                          oldest dropped first, 1 to 10000000 (default 10000)
              --telemetry-journal-bytes BYTES   bytes the telemetry journal may hold, at least 1024 (default
                                          67108864, 64 MiB)
              --max-key-bytes N, --max-string-bytes N, --max-depth N, --min-integer N, --max-integer N,
              --max-tags-size N, --max-desired-size N, --max-reported-size N   the twin limits: key and string
                                          bytes, nesting depth, integer range, section sizes (default the
                                          service's: 1024, 4096, 10, -2^52, 2^52-1, 8192, 32768, 32768)
              --log-telemetry    print one line per telemetry message a device sends to standard error
              --log-requests     print one line per request to standard error: HTTPS <method> <path> <status> <ms>ms
                                 [policy=<name>]; MQTT CONNECT <client> accepted|refused <code> <name>: <reason>;
                                 MQTT PUBLISH <device>[/<module>] <topic> <twin status|acked #N|enqueued #N|
                                 refused: reason> (MQTT-WS over WebSocket). Signatures and keys are <redacted>,
                                 control characters escaped, a line is at most 2000 characters
              --help             show this help
            When ready, prints one line to stdout: TWINKIT-EMULATOR-READY {json}, with hubName, hostName (the
            service host), deviceHost (the host in device connection strings), bindAddress, httpsPort, mqttPort,
            mqttWsPort, mqttWsPath, serviceConnectionString, devices (id -> connection string),
            caCertificatePem (the PEM text of the certificate clients must trust, for clients that cannot read
            the emulator's files, e.g. in another container), caCertificateFile, trustStoreFile and
            trustStorePassword. Stops on SIGTERM or Ctrl-C.
            Health (emulator only, no credentials): GET or HEAD /twinkit/health on the HTTPS port answers 200
            {"status":"ok","hubName":"...","uptimeSeconds":N}, or 503 {"status":"closing"} while stopping; other
            methods 405. Every other route needs a SAS token. E.g. curl -fsk https://localhost:8443/twinkit/health
            Telemetry the devices send is kept for tests in any language (emulator only, not an IoT Hub API):
            GET /twinkit/telemetry?since=N&max=M (JSON pages) and GET /twinkit/telemetry/stream (server-sent
            events) on the HTTPS port, with a hub-level SAS token of a policy that grants ServiceConnect.
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
     *     value, an option other than {@code --device}, {@code --accept-host} and {@code --host-name} given twice,
     *     options that exclude each other ({@code --own-loopback-address} with {@code --bind-address} or
     *     {@code --host-name}), {@code --cert} without {@code --key} or the reverse, or
     *     {@code --recover-store} without a data directory
     */
    static CommandLine parse(List<String> args) {
        EmulatorConfig.Builder config = EmulatorConfig.builder();
        HubOptions.Builder hub = HubOptions.builder();
        TwinLimits.Builder limits = TwinLimits.service().toBuilder();
        ThrottlingTier tier = null;
        Integer units = null;
        int defaultPageSize = HubOptions.defaults().defaultPageSize();
        int maxPageSize = HubOptions.defaults().maxPageSize();
        ConnectionLimits https = ConnectionLimits.httpsDefaults();
        ConnectionLimits mqtt = ConnectionLimits.mqttDefaults();
        Set<String> seen = new HashSet<>();
        boolean help = false;
        boolean logTelemetry = false;
        boolean ownLoopback = false;
        Path certificate = null;
        Path key = null;
        boolean logRequests = false;
        boolean durabilityGiven = false;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                help = true;
                continue;
            }
            if (option.equals("--recover-store")) {
                hub.recoverStore(true);
                continue;
            }
            if (option.equals("--log-telemetry")) {
                logTelemetry = true;
                continue;
            }
            if (option.equals("--own-loopback-address")) {
                config.ownLoopbackAddress(true);
                ownLoopback = true;
                continue;
            }
            if (option.equals("--log-requests")) {
                logRequests = true;
                continue;
            }
            if (!seen.add(option) && !REPEATABLE.contains(option)) {
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
                case "--data-dir" -> hub.dataDirectory(directory(option, value(args, ++i, option)));
                case "--durability" -> {
                    hub.durability(durability(option, value(args, ++i, option)));
                    durabilityGiven = true;
                }
                case "--hub-name" -> hub.hubName(value(args, ++i, option));
                case "--device" -> config.device(deviceId(value(args, ++i, option)));
                case "--accept-host" -> hub.acceptHostName(hostName(value(args, ++i, option)));
                case "--host-name" -> {
                    String value = value(args, ++i, option);
                    try {
                        config.hostName(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("option --host-name: " + e.getMessage(), e);
                    }
                }
                case "--accept-any-host" -> hub.acceptAnyHostName(true);
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
                case "--bind-address" -> config.bindAddress(address(option, value(args, ++i, option)));
                case "--cert" -> certificate = file(option, value(args, ++i, option));
                case "--key" -> key = file(option, value(args, ++i, option));
                case "--throttling-tier" -> tier = tier(option, value(args, ++i, option));
                case "--throttling-units" -> units = positive(option, value(args, ++i, option));
                case "--query-lag" -> hub.queryLag(Duration.ofMillis(number(option, value(args, ++i, option), 0,
                        Long.MAX_VALUE / 1_000_000)));
                case "--configuration-apply-delay" -> hub.configurationApplyDelay(Duration.ofMillis(number(option,
                        value(args, ++i, option), 0, Duration.ofDays(1).toMillis())));
                case "--default-page-size" -> defaultPageSize = positive(option, value(args, ++i, option));
                case "--max-page-size" -> maxPageSize = positive(option, value(args, ++i, option));
                case "--query-cursor-budget" -> hub.queryCursorBudget(number(option, value(args, ++i, option), 1024,
                        Long.MAX_VALUE));
                case "--empty-desired-bumps-version" -> hub.emptyDesiredBumpsVersion(
                        bool(option, value(args, ++i, option)));
                case "--reject-reported-in-service-patch" -> hub.rejectReportedInServicePatch(
                        bool(option, value(args, ++i, option)));
                case "--size-violation-is-403" -> hub.sizeViolationIs403(bool(option, value(args, ++i, option)));
                case "--telemetry-journal-size" -> hub.telemetryJournalSize((int) number(option,
                        value(args, ++i, option), 1, HubOptions.MAX_TELEMETRY_JOURNAL_SIZE));
                case "--telemetry-journal-bytes" -> hub.telemetryJournalBytes(number(option, value(args, ++i, option),
                        1024, Long.MAX_VALUE));
                case "--max-key-bytes", "--max-string-bytes", "--max-depth", "--min-integer", "--max-integer",
                        "--max-tags-size", "--max-desired-size", "--max-reported-size" ->
                        limit(limits, option, value(args, ++i, option));
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        if (ownLoopback && seen.contains("--bind-address")) {
            throw new IllegalArgumentException("options --own-loopback-address and --bind-address exclude each other:"
                    + " with --own-loopback-address every listener is bound to the loopback address the emulator"
                    + " claims");
        }
        if (ownLoopback && seen.contains("--host-name")) {
            throw new IllegalArgumentException("options --own-loopback-address and --host-name exclude each other:"
                    + " with --own-loopback-address the connection strings name the loopback address the emulator"
                    + " claims at start");
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("options --cert and --key go together: --cert names the server"
                    + " certificate chain (PEM) and --key its private key (PEM); give " + (certificate == null
                    ? "--cert too" : "--key too") + ", or neither for the emulator's own certificate");
        }
        config.serverCertificate(certificate, key);
        if (units != null && tier == null) {
            throw new IllegalArgumentException("option --throttling-units needs --throttling-tier: without a tier"
                    + " nothing is throttled");
        }
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("option --default-page-size " + defaultPageSize + " must not exceed"
                    + " --max-page-size " + maxPageSize);
        }
        hub.throttling(tier, units == null ? 1 : units).pageSizes(defaultPageSize, maxPageSize);
        try {
            hub.limits(limits.build());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the twin limit options do not fit together: " + e.getMessage(), e);
        }
        EmulatorConfig built = config.hubOptions(hub.build()).httpsLimits(https).mqttLimits(mqtt).build();
        if (built.recoverStore() && built.dataDirectory().isEmpty()) {
            throw new IllegalArgumentException("option --recover-store needs --data-dir: an in-memory hub has no"
                    + " store to recover");
        }
        if (durabilityGiven && built.dataDirectory().isEmpty()) {
            throw new IllegalArgumentException("option --durability needs --data-dir: an in-memory hub keeps nothing"
                    + " on disk");
        }
        return new CommandLine(help, built, logTelemetry, logRequests);
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

    private static Path file(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("option " + option + " needs a file, not an empty value");
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

    private static long number(String option, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below with the option's name
        }
        throw new IllegalArgumentException("option " + option + " needs a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }

    private static boolean bool(String option, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + option + " needs true or false, not '" + value
                    + "'");
        };
    }

    private static Durability durability(String option, String value) {
        for (Durability durability : Durability.values()) {
            if (durability.name().equalsIgnoreCase(value)) {
                return durability;
            }
        }
        throw new IllegalArgumentException("option " + option + " needs sync or relaxed, not '" + value + "'");
    }

    private static ThrottlingTier tier(String option, String value) {
        for (ThrottlingTier tier : ThrottlingTier.values()) {
            if (tier.name().equalsIgnoreCase(value)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("option " + option + " needs one of the tiers "
                + Arrays.toString(ThrottlingTier.values()) + ", not '" + value + "'");
    }

    private static InetAddress address(String option, String value) {
        // an IP address literal only: a host name would be looked up in DNS
        if (value.matches("[0-9.]+|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?")) {
            try {
                return InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                // reported below with the option's name
            }
        }
        throw new IllegalArgumentException("option " + option + " needs an IP address such as 127.0.0.1, 0.0.0.0 or"
                + " ::1, not '" + value + "'");
    }

    /** Sets the twin limit {@code option} names; each must be within what the builder takes. */
    private static void limit(TwinLimits.Builder limits, String option, String value) {
        long number = number(option, value, option.endsWith("-integer") ? Long.MIN_VALUE : 1,
                option.startsWith("--max-key") || option.startsWith("--max-string") || option.equals("--max-depth")
                        ? Integer.MAX_VALUE : Long.MAX_VALUE);
        try {
            switch (option) {
                case "--max-key-bytes" -> limits.maxKeyBytes((int) number);
                case "--max-string-bytes" -> limits.maxStringBytes((int) number);
                case "--max-depth" -> limits.maxDepth((int) number);
                case "--min-integer" -> limits.minInteger(number);
                case "--max-integer" -> limits.maxInteger(number);
                case "--max-tags-size" -> limits.maxTagsSize(number);
                case "--max-desired-size" -> limits.maxDesiredSize(number);
                case "--max-reported-size" -> limits.maxReportedSize(number);
                default -> throw new IllegalStateException("not a twin limit option: " + option);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + option + ": " + e.getMessage(), e);
        }
    }
}
