package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building a client from the emulator's ready announcement alone. The emulator makes a new CA at every start, so a
 * successful call proves the CA came from the ready line, not from another test's trust.
 */
@Timeout(60)
class EmulatorReadyLineTest {

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of("ready")).build());
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aClientBuiltFromTheReadyJsonTalksToTheEmulator() {
        try (TwinServiceClient client = TwinServiceClient.builder()
                .emulatorReadyLine(emulator.readyInfo().toString()).build()) {
            assertThat(client.hostName()).isEqualTo("localhost:" + emulator.httpsPort());
            TwinDocument twin = client.update(TwinKey.device("ready"),
                    TwinPatch.ofTags(MergePatch.builder().set("via", "json").build()));
            assertThat(twin.tags().getString("via")).contains("json");
            assertThat(emulator.hub().twins().get(TwinKey.device("ready")).tags().getString("via")).contains("json");
        }
    }

    @Test
    void theWholeLineAsTheLauncherPrintsItWorksToo() {
        String line = EmulatorCommand.READY_PREFIX + emulator.readyInfo() + "\n";
        try (TwinServiceClient client = TwinServiceClient.builder().emulatorReadyLine(line).build()) {
            assertThat(client.getTwin(TwinKey.device("ready")).deviceId()).isEqualTo(DeviceId.of("ready"));
        }
    }

    @Test
    void aLineWithoutTheConnectionStringIsRefusedNamingTheMember() {
        String json = emulator.readyInfo().without("serviceConnectionString").toString();
        assertThatThrownBy(() -> TwinServiceClient.builder().emulatorReadyLine(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serviceConnectionString");
    }

    @Test
    void textThatIsNotTheLineIsRefused() {
        assertThatThrownBy(() -> TwinServiceClient.builder().emulatorReadyLine("emulator listening on 8443"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TWINKIT-EMULATOR-READY");
    }

    @Test
    void aMissingOrNonCertificateCaFileIsReported(@TempDir Path dir) throws Exception {
        JsonObject info = emulator.readyInfo();
        Path missing = dir.resolve("absent.pem");
        assertThatThrownBy(() -> TwinServiceClient.builder()
                .emulatorReadyLine(info.with("caCertificateFile", JsonString.of(missing.toString())).toString()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.pem");

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
        assertThatThrownBy(() -> TwinServiceClient.builder()
                .emulatorReadyLine(info.with("caCertificateFile", JsonString.of(garbage.toString())).toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage.pem");
    }
}
