package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.emulator.ConnectionLimits;
import io.twinkit.emulator.Durability;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.ThrottlingTier;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing the launcher's arguments into an {@link EmulatorConfig}, and the configuration's own rules. */
class CommandLineTest {

    @Test
    void noArgumentsAreTheDefaults() {
        CommandLine line = CommandLine.parse(List.of());
        assertThat(line.help()).isFalse();
        EmulatorConfig config = line.config();
        assertThat(config.hubName()).isEqualTo("twinkit");
        assertThat(config.dataDirectory()).isEmpty();
        assertThat(config.httpsPort()).isEqualTo(8443);
        assertThat(config.mqttPort()).isEqualTo(8883);
        assertThat(config.mqttWsPort()).isEqualTo(9443);
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(config.devices()).isEmpty();
        assertThat(config.acceptedHostNames()).isEmpty();
        assertThat(config.acceptAnyHostName()).isFalse();
        assertThat(config.hubOptions().hostNames()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1",
                "twinkit.azure-devices.net");
        assertThat(config.httpsLimits()).isEqualTo(new ConnectionLimits(1_000, Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        assertThat(config.mqttLimits()).isEqualTo(new ConnectionLimits(2_000, Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
    }

    @Test
    void theConnectionLimitOptionsReachTheConfiguration() {
        EmulatorConfig config = CommandLine.parse(List.of("--https-max-connections", "50", "--https-idle-timeout",
                "5", "--mqtt-max-connections", "70", "--mqtt-connect-timeout", "6", "--tls-handshake-timeout",
                "2")).config();
        assertThat(config.httpsLimits()).isEqualTo(new ConnectionLimits(50, Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        assertThat(config.mqttLimits()).isEqualTo(new ConnectionLimits(70, Duration.ofSeconds(2),
                Duration.ofSeconds(6)));
        assertThat(config.toBuilder().build().httpsLimits()).isEqualTo(config.httpsLimits());
        assertThat(CommandLine.USAGE).contains("--https-max-connections N", "--https-idle-timeout S",
                "--mqtt-max-connections N", "--mqtt-connect-timeout S", "--tls-handshake-timeout S");
    }

    @Test
    void connectionLimitsRefuseNonsense() {
        assertThatThrownBy(() -> ConnectionLimits.httpsDefaults().withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections 0 must be at least 1");
        assertThatThrownBy(() -> ConnectionLimits.mqttDefaults().withHandshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("handshakeTimeout PT0S must be positive");
        assertThatThrownBy(() -> ConnectionLimits.mqttDefaults().withIdleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idleTimeout PT-1S must be positive");
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        EmulatorConfig config = CommandLine.parse(List.of("--https-port", "0", "--mqtt-port", "18883",
                "--mqtt-ws-port", "65535", "--data-dir", "build/hub", "--hub-name", "my-hub", "--device", "dev1",
                "--device", "dev2", "--device", "dev1", "--accept-host", "Gateway.Example", "--accept-host",
                "10.1.2.3", "--accept-host", "[FD00::1]", "--accept-any-host")).config();
        assertThat(config.httpsPort()).isZero();
        assertThat(config.mqttPort()).isEqualTo(18883);
        assertThat(config.mqttWsPort()).isEqualTo(65535);
        assertThat(config.dataDirectory()).contains(Path.of("build/hub"));
        assertThat(config.hubName()).isEqualTo("my-hub");
        assertThat(config.devices()).containsExactly(DeviceId.of("dev1"), DeviceId.of("dev2"));
        assertThat(config.acceptedHostNames()).containsExactly("gateway.example", "10.1.2.3", "[fd00::1]");
        assertThat(config.acceptAnyHostName()).isTrue();
        assertThat(config.hubOptions().hubName()).isEqualTo("my-hub");
        assertThat(config.hubOptions().dataDirectory()).contains(Path.of("build/hub"));
        assertThat(config.hubOptions().hostNames()).contains("gateway.example", "10.1.2.3", "fd00::1",
                "my-hub.azure-devices.net");
        assertThat(config.hubOptions().acceptAnyHostName()).isTrue();
        assertThat(config.toBuilder().build()).hasToString(config.toString());
        assertThat(config.toString()).contains("accepted hosts [gateway.example, 10.1.2.3, [fd00::1]]", "any host");
    }

    @Test
    void everyHubOptionReachesTheHubOptionsOfTheConfiguration() throws Exception {
        EmulatorConfig config = CommandLine.parse(List.of("--throttling-tier", "s2", "--throttling-units", "3",
                "--query-lag", "1500", "--configuration-apply-delay", "2500", "--default-page-size", "7",
                "--max-page-size", "70",
                "--query-cursor-budget", "4096", "--empty-desired-bumps-version", "false",
                "--reject-reported-in-service-patch", "false", "--size-violation-is-403", "true",
                "--max-key-bytes", "64", "--max-string-bytes", "512", "--max-depth", "4", "--min-integer", "-1000",
                "--max-integer", "1000", "--max-tags-size", "2048", "--max-desired-size", "3072",
                "--max-reported-size", "5120", "--bind-address", "0.0.0.0", "--recover-store", "--data-dir", "d",
                "--telemetry-journal-size", "25", "--telemetry-journal-bytes", "2048"))
                .config();
        HubOptions hub = config.hubOptions();
        assertThat(hub.throttlingTier()).contains(ThrottlingTier.S2);
        assertThat(hub.throttlingUnits()).isEqualTo(3);
        assertThat(hub.queryLag()).isEqualTo(Duration.ofMillis(1500));
        assertThat(hub.configurationApplyDelay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(hub.defaultPageSize()).isEqualTo(7);
        assertThat(hub.maxPageSize()).isEqualTo(70);
        assertThat(hub.queryCursorBudget()).isEqualTo(4096);
        assertThat(hub.emptyDesiredBumpsVersion()).isFalse();
        assertThat(hub.rejectReportedInServicePatch()).isFalse();
        assertThat(hub.sizeViolationIs403()).isTrue();
        assertThat(hub.limits()).isEqualTo(TwinLimits.service().toBuilder().maxKeyBytes(64).maxStringBytes(512)
                .maxDepth(4).minInteger(-1000).maxInteger(1000).maxTagsSize(2048).maxDesiredSize(3072)
                .maxReportedSize(5120).build());
        assertThat(hub.recoverStore()).isTrue();
        assertThat(hub.dataDirectory()).contains(Path.of("d"));
        assertThat(hub.telemetryJournalSize()).isEqualTo(25);
        assertThat(hub.telemetryJournalBytes()).isEqualTo(2048);
        assertThat(config.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(CommandLine.parse(List.of("--bind-address", "::1")).config().bindAddress())
                .isEqualTo(InetAddress.getByName("::1"));

        HubOptions defaults = CommandLine.parse(List.of()).config().hubOptions();
        HubOptions service = HubOptions.defaults();
        assertThat(defaults.throttlingTier()).isEmpty();
        assertThat(defaults.throttlingUnits()).isEqualTo(service.throttlingUnits());
        assertThat(defaults.queryLag()).isEqualTo(service.queryLag());
        assertThat(defaults.configurationApplyDelay()).isEqualTo(service.configurationApplyDelay());
        assertThat(defaults.defaultPageSize()).isEqualTo(service.defaultPageSize());
        assertThat(defaults.maxPageSize()).isEqualTo(service.maxPageSize());
        assertThat(defaults.queryCursorBudget()).isEqualTo(service.queryCursorBudget());
        assertThat(defaults.emptyDesiredBumpsVersion()).isEqualTo(service.emptyDesiredBumpsVersion());
        assertThat(defaults.rejectReportedInServicePatch()).isEqualTo(service.rejectReportedInServicePatch());
        assertThat(defaults.sizeViolationIs403()).isEqualTo(service.sizeViolationIs403());
        assertThat(defaults.limits()).isEqualTo(service.limits());
        assertThat(defaults.telemetryJournalSize()).isEqualTo(HubOptions.DEFAULT_TELEMETRY_JOURNAL_SIZE)
                .isEqualTo(service.telemetryJournalSize());
        assertThat(defaults.telemetryJournalBytes()).isEqualTo(64L * 1024 * 1024)
                .isEqualTo(service.telemetryJournalBytes());
    }

    @Test
    void logTelemetryIsAFlagOfTheLauncher() {
        assertThat(CommandLine.parse(List.of()).logTelemetry()).isFalse();
        assertThat(CommandLine.parse(List.of("--log-telemetry", "--https-port", "0")).logTelemetry()).isTrue();
        assertThat(CommandLine.USAGE).contains("--log-telemetry", "--telemetry-journal-size N",
                "--telemetry-journal-bytes BYTES", "GET /twinkit/telemetry");
    }

    @Test
    void logRequestsIsAFlagOfTheLauncherAndTheConfigurationHasNoRequestLogByItself() {
        CommandLine defaults = CommandLine.parse(List.of());
        assertThat(defaults.logRequests()).isFalse();
        assertThat(defaults.config().requestLog()).isEmpty();
        CommandLine line = CommandLine.parse(List.of("--log-requests", "--https-port", "0"));
        assertThat(line.logRequests()).isTrue();
        assertThat(line.logTelemetry()).isFalse();
        assertThat(line.config().httpsPort()).isZero();
        // the launcher decides where the lines go (standard error), not the parsed configuration
        assertThat(line.config().requestLog()).isEmpty();
        assertThat(CommandLine.USAGE).contains("--log-requests", "<redacted>", "GET or HEAD /twinkit/health",
                "503 {\"status\":\"closing\"}");
    }

    @Test
    void aRequestLogSinkIsKeptByToBuilderAndRemovedWithNull() {
        List<String> lines = new java.util.ArrayList<>();
        EmulatorConfig logging = EmulatorConfig.builder().logRequests(lines::add).build();
        assertThat(logging.requestLog()).isPresent();
        assertThat(logging.toBuilder().build().requestLog()).containsSame(logging.requestLog().orElseThrow());
        assertThat(logging.toString()).contains("logging requests");
        EmulatorConfig quiet = logging.toBuilder().logRequests(null).build();
        assertThat(quiet.requestLog()).isEmpty();
        assertThat(quiet.toString()).doesNotContain("logging requests");
    }

    @Test
    void hubOptionsSetOnTheBuilderReachTheHubAndTheHubSettersChangeThem() {
        HubOptions options = HubOptions.builder().hubName("tuned").throttling(ThrottlingTier.S3, 2)
                .queryLag(Duration.ofSeconds(3)).pageSizes(10, 20).acceptHostName("gw.example").build();
        EmulatorConfig config = EmulatorConfig.builder().hubOptions(options).recoverStore(true).build();
        assertThat(config.hubOptions().throttlingTier()).contains(ThrottlingTier.S3);
        assertThat(config.hubOptions().throttlingUnits()).isEqualTo(2);
        assertThat(config.hubOptions().queryLag()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.hubOptions().maxPageSize()).isEqualTo(20);
        assertThat(config.hubName()).isEqualTo("tuned");
        assertThat(config.recoverStore()).isTrue();
        assertThat(config.acceptedHostNames()).containsExactly("gw.example");
        assertThat(config.toBuilder().build().hubOptions().queryLag()).isEqualTo(Duration.ofSeconds(3));
        assertThat(EmulatorConfig.builder().hubName("first").hubOptions(options).build().hubName())
                .as("the last call wins").isEqualTo("tuned");
    }

    @Test
    void helpIsRecognisedAmongOtherOptions() {
        assertThat(CommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("--https-port", "0", "-h")).help()).isTrue();
        assertThat(CommandLine.USAGE).contains("--https-port N", "--mqtt-port N", "--mqtt-ws-port N",
                "--data-dir DIR", "--hub-name NAME", "--device ID", "--accept-host NAME", "--accept-any-host",
                "--help", "--bind-address ADDR", "--throttling-tier TIER", "--throttling-units N", "--query-lag MS",
                "--configuration-apply-delay MS",
                "--default-page-size N", "--max-page-size N", "--query-cursor-budget BYTES",
                "--empty-desired-bumps-version", "--reject-reported-in-service-patch", "--size-violation-is-403",
                "--max-key-bytes N", "--max-string-bytes N", "--max-depth N", "--min-integer N", "--max-integer N",
                "--max-tags-size N", "--max-desired-size N", "--max-reported-size N", "--host-name NAME",
                "--cert FILE --key FILE", "--own-loopback-address", "caCertificatePem", "deviceHost", "bindAddress");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--port 1                      | unknown option '--port'",
        "dev1                          | unknown option 'dev1'",
        "--https-port                  | option --https-port needs a value",
        "--https-port --device d       | option --https-port needs a value",
        "--https-port x                | option --https-port needs a port number from 0 to 65535, not 'x'",
        "--mqtt-port 65536             | option --mqtt-port needs a port number from 0 to 65535, not '65536'",
        "--mqtt-ws-port -1             | option --mqtt-ws-port needs a port number from 0 to 65535, not '-1'",
        "--https-port 1 --https-port 2 | option --https-port is given twice",
        "--hub-name a                  | hub name 'a' must be 3 to 50 letters, digits or '-'",
        "--device a/b                  | option --device:",
        "--data-dir                    | option --data-dir needs a value",
        "--accept-host                 | option --accept-host needs a value",
        "--accept-host localhost:8443  | option --accept-host: host name 'localhost:8443' must be a DNS name",
        "--accept-host a/b             | option --accept-host: host name 'a/b' must be a DNS name",
        "--accept-host -x.example      | option --accept-host: host name '-x.example' must be a DNS name",
        "--accept-any-host --accept-any-host | option --accept-any-host is given twice",
        "--https-max-connections 0     | option --https-max-connections needs a whole number of at least 1, not '0'",
        "--https-idle-timeout x        | option --https-idle-timeout needs a whole number of at least 1, not 'x'",
        "--tls-handshake-timeout -2    | option --tls-handshake-timeout needs a whole number of at least 1",
        "--mqtt-connect-timeout        | option --mqtt-connect-timeout needs a value",
        "--throttling-tier S9          | option --throttling-tier needs one of the tiers [S1, S2, S3], not 'S9'",
        "--throttling-units 0          | option --throttling-units needs a whole number of at least 1, not '0'",
        "--throttling-units 2          | option --throttling-units needs --throttling-tier",
        "--query-lag -1                | option --query-lag needs a whole number from 0 to",
        "--query-lag 1s                | option --query-lag needs a whole number from 0 to",
        "--configuration-apply-delay -1 | option --configuration-apply-delay needs a whole number from 0 to 86400000",
        "--configuration-apply-delay 86400001 | option --configuration-apply-delay needs a whole number from 0 to",
        "--configuration-apply-delay 1s | option --configuration-apply-delay needs a whole number from 0 to",
        "--configuration-apply-delay   | option --configuration-apply-delay needs a value",
        "--default-page-size 0         | option --default-page-size needs a whole number of at least 1, not '0'",
        "--default-page-size 50 --max-page-size 20 | option --default-page-size 50 must not exceed --max-page-size 20",
        "--query-cursor-budget 1023    | option --query-cursor-budget needs a whole number from 1024 to",
        "--empty-desired-bumps-version yes | option --empty-desired-bumps-version needs true or false, not 'yes'",
        "--reject-reported-in-service-patch 1 | option --reject-reported-in-service-patch needs true or false",
        "--size-violation-is-403 TRUE  | option --size-violation-is-403 needs true or false, not 'TRUE'",
        "--max-depth 0                 | option --max-depth needs a whole number from 1 to 2147483647, not '0'",
        "--max-key-bytes 2147483648    | option --max-key-bytes needs a whole number from 1 to 2147483647",
        "--max-tags-size x             | option --max-tags-size needs a whole number from 1 to",
        "--min-integer 5 --max-integer 5 | the twin limit options do not fit together: minInteger (5) must be below",
        "--bind-address example.com    | option --bind-address needs an IP address such as 127.0.0.1",
        "--bind-address 1.2.3.4.5      | option --bind-address needs an IP address",
        "--query-lag 1 --query-lag 2   | option --query-lag is given twice",
        "--telemetry-journal-size 0    | option --telemetry-journal-size needs a whole number from 1 to 10000000",
        "--telemetry-journal-size 10000001 | option --telemetry-journal-size needs a whole number from 1 to 10000000",
        "--telemetry-journal-size many | option --telemetry-journal-size needs a whole number from 1 to 10000000",
        "--telemetry-journal-size      | option --telemetry-journal-size needs a value",
        "--telemetry-journal-bytes 1023 | option --telemetry-journal-bytes needs a whole number from 1024 to",
        "--telemetry-journal-size 5 --telemetry-journal-size 6 | option --telemetry-journal-size is given twice",
        "--host-name                   | option --host-name needs a value",
        "--host-name gw.example:443    | option --host-name: host name 'gw.example:443' must be a DNS name",
        "--host-name a_b/c             | option --host-name: host name 'a_b/c' must be a DNS name",
        "--cert chain.pem              | options --cert and --key go together",
        "--key key.pem                 | options --cert and --key go together",
        "--cert                        | option --cert needs a value",
        "--key a --key b --cert c      | option --key is given twice",
        "--own-loopback-address --bind-address 0.0.0.0 | options --own-loopback-address and --bind-address exclude",
        "--own-loopback-address --host-name a.example  | options --own-loopback-address and --host-name exclude",
    })
    void badArgumentsAreRefusedNamingTheProblem(String args, String message) {
        assertThatThrownBy(() -> CommandLine.parse(List.of(args.split(" "))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyDataDirectoryIsRefusedRatherThanTakenForTheCurrentDirectory() {
        for (String empty : List.of("", "  ")) {
            assertThatThrownBy(() -> CommandLine.parse(List.of("--data-dir", empty)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("option --data-dir needs a directory, not an empty value (which would be the current"
                            + " directory)");
        }
    }

    @Test
    void recoverStoreIsAFlagThatNeedsADataDirectory() {
        assertThat(CommandLine.parse(List.of("--data-dir", "d")).config().recoverStore()).isFalse();
        EmulatorConfig config = CommandLine.parse(List.of("--recover-store", "--data-dir", "d")).config();
        assertThat(config.recoverStore()).isTrue();
        assertThat(config.toBuilder().build().recoverStore()).isTrue();
        assertThat(config.toString()).contains("d (recovering)");
        assertThat(CommandLine.USAGE).contains("--recover-store", "0700");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--recover-store")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --recover-store needs --data-dir: an in-memory hub has no store to recover");
    }

    @Test
    void durabilityIsSyncUnlessRelaxedIsChosenAndNeedsADataDirectory() {
        assertThat(CommandLine.parse(List.of("--data-dir", "d")).config().durability()).isEqualTo(Durability.SYNC);
        EmulatorConfig relaxed = CommandLine.parse(List.of("--data-dir", "d", "--durability", "relaxed")).config();
        assertThat(relaxed.durability()).isEqualTo(Durability.RELAXED);
        assertThat(relaxed.hubOptions().durability()).isEqualTo(Durability.RELAXED);
        assertThat(relaxed.toBuilder().build().durability()).isEqualTo(Durability.RELAXED);
        assertThat(relaxed.toString()).contains("durability relaxed");
        assertThat(CommandLine.parse(List.of("--data-dir", "d", "--durability", "SYNC")).config().durability())
                .isEqualTo(Durability.SYNC);
        assertThat(CommandLine.USAGE).contains("--durability MODE", "relaxed", "power loss");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--data-dir", "d", "--durability", "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --durability needs sync or relaxed, not 'fast'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--durability", "relaxed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --durability needs --data-dir: an in-memory hub keeps nothing on disk");
    }

    @Test
    void theConfigurationChecksPortsItself() {
        assertThatThrownBy(() -> EmulatorConfig.builder().httpsPort(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("httpsPort 70000 must be 0 (any free port) to 65535");
        assertThatThrownBy(() -> EmulatorConfig.builder().mqttPort(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mqttPort -1 must be 0 (any free port) to 65535");
        assertThat(EmulatorConfig.defaults().devices()).isEmpty();
        assertThat(EmulatorConfig.builder().devices(List.of(DeviceId.of("a"), DeviceId.of("a"))).build().devices())
                .containsExactly(DeviceId.of("a"));
        assertThatThrownBy(() -> EmulatorConfig.builder().acceptHostName("host name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'host name'");
    }

    @Test
    void aSpecificBindAddressIsAHostNameTokensMayNameAWildcardIsNot() throws Exception {
        EmulatorConfig specific = EmulatorConfig.builder().bindAddress(InetAddress.getByName("192.0.2.7")).build();
        assertThat(specific.hubOptions().acceptsHostName("192.0.2.7:8443")).isTrue();
        EmulatorConfig wildcard = EmulatorConfig.builder().bindAddress(InetAddress.getByName("0.0.0.0")).build();
        assertThat(wildcard.hubOptions().acceptsHostName("0.0.0.0")).isFalse();
        assertThat(wildcard.hubOptions().hostNames()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1",
                "twinkit.azure-devices.net");
    }

    @Test
    void mqttWsPortOffLeavesMqttOverWebSocketToTheHttpsPort() {
        assertThat(CommandLine.parse(List.of()).config().separateMqttWsPort()).isTrue();
        EmulatorConfig off = CommandLine.parse(List.of("--mqtt-ws-port", "off")).config();
        assertThat(off.separateMqttWsPort()).isFalse();
        assertThat(off.toBuilder().build().separateMqttWsPort()).isFalse();
        assertThat(CommandLine.parse(List.of("--mqtt-ws-port", "0")).config().separateMqttWsPort()).isTrue();
        assertThatThrownBy(() -> CommandLine.parse(List.of("--mqtt-ws-port", "OFF")))
                .hasMessage("option --mqtt-ws-port needs a port number from 0 to 65535, not 'OFF'");
        assertThat(CommandLine.USAGE).contains("off = none", "/$iothub/websocket", "--https-port 443",
                "cap_net_bind_service", "ip_unprivileged_port_start", "8883");
    }
}
