package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.client.internal.EmulatorReadyLine;
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
    void theCaPemInTheLineIsEnoughAndNoFileIsRead() {
        // as for a client in another container: the paths name files on the emulator's machine only
        String json = emulator.readyInfo().with("caCertificateFile", JsonString.of("/nonexistent/ca.pem"))
                .with("trustStoreFile", JsonString.of("/nonexistent/truststore.p12")).toString();
        try (TwinServiceClient client = TwinServiceClient.builder().emulatorReadyLine(json).build()) {
            assertThat(client.getTwin(TwinKey.device("ready")).deviceId()).isEqualTo(DeviceId.of("ready"));
        }
        EmulatorReadyLine line = EmulatorReadyLine.parse(json);
        assertThat(line.caCertificates()).containsExactly(emulator.caCertificate());
    }

    @Test
    void aLineOfAnOlderEmulatorWithoutThePemReadsTheCaFile() {
        String json = emulator.readyInfo().without("caCertificatePem").toString();
        try (TwinServiceClient client = TwinServiceClient.builder().emulatorReadyLine(json).build()) {
            assertThat(client.getTwin(TwinKey.device("ready")).deviceId()).isEqualTo(DeviceId.of("ready"));
        }
        assertThat(EmulatorReadyLine.parse(json).caCertificates()).containsExactly(emulator.caCertificate());
    }

    @Test
    void aCaPemThatIsNoCertificateIsRefusedNamingTheMember() {
        JsonObject info = emulator.readyInfo();
        assertThatThrownBy(() -> EmulatorReadyLine.parse(info.with("caCertificatePem", JsonString.of("not a"
                + " certificate")).toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the emulator ready line's caCertificatePem holds no");
        assertThatThrownBy(() -> EmulatorReadyLine.parse(info.with("caCertificatePem", JsonValue.of(5)).toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the emulator ready line's member 'caCertificatePem' is not a string (found 5)");
    }

    @Test
    void mqttOverWebSocketGoesToTheAnnouncedHost() {
        JsonObject info = emulator.readyInfo();
        assertThat(EmulatorReadyLine.parse(info.toString()).mqttWebSocketTarget())
                .isEqualTo("localhost:" + emulator.mqttWsPort());
        // an emulator on its own loopback address announces it as its host
        assertThat(EmulatorReadyLine.parse(info.with("hostName", JsonString.of("127.0.0.9")).toString())
                .mqttWebSocketTarget()).isEqualTo("127.0.0.9:" + emulator.mqttWsPort());
        assertThat(EmulatorReadyLine.parse(info.without("hostName").toString()).mqttWebSocketTarget())
                .isEqualTo("localhost:" + emulator.mqttWsPort());
    }

    @Test
    void aMissingOrNonCertificateCaFileIsReported(@TempDir Path dir) throws Exception {
        // an older emulator's line, which names only the file
        JsonObject info = emulator.readyInfo().without("caCertificatePem");
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
