package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.emulator.ConnectionLimits;
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
    void helpIsRecognisedAmongOtherOptions() {
        assertThat(CommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("--https-port", "0", "-h")).help()).isTrue();
        assertThat(CommandLine.USAGE).contains("--https-port N", "--mqtt-port N", "--mqtt-ws-port N",
                "--data-dir DIR", "--hub-name NAME", "--device ID", "--accept-host NAME", "--accept-any-host",
                "--help");
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
