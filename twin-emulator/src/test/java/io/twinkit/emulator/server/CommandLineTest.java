package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import java.net.InetAddress;
import java.nio.file.Path;
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
    }

    @Test
    void everyOptionReachesTheConfiguration() {
        EmulatorConfig config = CommandLine.parse(List.of("--https-port", "0", "--mqtt-port", "18883",
                "--mqtt-ws-port", "65535", "--data-dir", "build/hub", "--hub-name", "my-hub", "--device", "dev1",
                "--device", "dev2", "--device", "dev1")).config();
        assertThat(config.httpsPort()).isZero();
        assertThat(config.mqttPort()).isEqualTo(18883);
        assertThat(config.mqttWsPort()).isEqualTo(65535);
        assertThat(config.dataDirectory()).contains(Path.of("build/hub"));
        assertThat(config.hubName()).isEqualTo("my-hub");
        assertThat(config.devices()).containsExactly(DeviceId.of("dev1"), DeviceId.of("dev2"));
        assertThat(config.toBuilder().build()).hasToString(config.toString());
    }

    @Test
    void helpIsRecognisedAmongOtherOptions() {
        assertThat(CommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("--https-port", "0", "-h")).help()).isTrue();
        assertThat(CommandLine.USAGE).contains("--https-port N", "--mqtt-port N", "--mqtt-ws-port N",
                "--data-dir DIR", "--hub-name NAME", "--device ID", "--help");
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
    }
}
