package io.twinkit.emulator.server;

import static io.twinkit.emulator.testing.TestCertificates.ca;
import static io.twinkit.emulator.testing.TestCertificates.ec;
import static io.twinkit.emulator.testing.TestCertificates.pem;
import static io.twinkit.emulator.testing.TestCertificates.pkcs8;
import static io.twinkit.emulator.testing.TestCertificates.rsa;
import static io.twinkit.emulator.testing.TestCertificates.server;
import static io.twinkit.emulator.testing.TestCertificates.trusting;
import static io.twinkit.emulator.testing.TestCertificates.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.testing.TestCertificates.Issued;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cert}/{@code --key}: the emulator presents a server certificate the user brought. */
@Timeout(60)
class ServerCertificateTest {

    @TempDir
    Path directory;

    @Test
    void theServersPresentTheUsersCertificateAndTheRootIsHandedOutAsTheCa() throws Exception {
        Issued root = ca("user root", rsa());
        KeyPair keys = ec();
        Issued leaf = server("user server", keys, root);
        Path chain = write(directory, "chain.pem", pem(leaf.certificate(), root.certificate()));
        Path key = write(directory, "key.pem", pkcs8(keys.getPrivate()));
        Path data = directory.resolve("data");
        EmulatorConfig config = CommandLine.parse(List.of("--cert", chain.toString(), "--key", key.toString(),
                "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0", "--device", "dev1", "--data-dir",
                data.toString(), "--hub-name", "own-cert-hub")).config();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            // a client that trusts only the user's root, verifying the host name
            SSLContext trustRoot = trusting(root.certificate());
            for (int port : List.of(emulator.httpsPort(), emulator.mqttPort(), emulator.mqttWsPort())) {
                assertThat(ServiceProbe.tlsHandshake(trustRoot, port)).as("port %d presents the user's certificate",
                        port).isEqualTo(leaf.certificate());
            }
            String ownerKey = ServiceProbe.sharedAccessKey(emulator.serviceConnectionString());
            assertThat(ServiceProbe.getTwin(trustRoot, emulator.httpsPort(), "dev1",
                    ServiceProbe.ownerToken(ownerKey)).status()).isEqualTo(200);

            assertThat(emulator.caCertificate()).isEqualTo(root.certificate());
            assertThat(emulator.readyInfo().get("caCertificatePem"))
                    .contains(JsonString.of(pem(root.certificate())));
            assertThat(emulator.caCertificatePem()).isEqualTo(pem(root.certificate()));
            assertThat(Files.readString(emulator.caCertificateFile())).isEqualTo(pem(root.certificate()));
            assertThat(ServiceProbe.tlsHandshake(emulator.clientSslContext(), emulator.httpsPort()))
                    .isEqualTo(leaf.certificate());
            assertThat(data.resolve("tls")).as("the emulator's own CA is neither used nor created").doesNotExist();
            assertThat(emulator.hub().registry().find(TwinKey.device(DeviceId.of("dev1")))).isPresent();

            SSLContext otherRoot = trusting(ca("not the user's root", ec()).certificate());
            assertThatThrownBy(() -> ServiceProbe.tlsHandshake(otherRoot, emulator.httpsPort()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aKeyThatDoesNotFitFailsTheStartNamingTheFilesAndLeavesNothingRunning() throws Exception {
        Issued root = ca("user root", ec());
        Issued leaf = server("user server", ec(), root);
        Path chain = write(directory, "chain.pem", pem(leaf.certificate(), root.certificate()));
        Path otherKey = write(directory, "other-key.pem", pkcs8(ec().getPrivate()));
        Path data = directory.resolve("data");
        EmulatorConfig config = EmulatorConfig.builder().hubName("bad-cert-hub").httpsPort(0).mqttPort(0)
                .mqttWsPort(0).dataDirectory(data).serverCertificate(chain, otherKey).build();
        assertThatThrownBy(() -> TwinkitEmulator.start(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the private key in " + otherKey + " does not belong to the server certificate"
                        + " in " + chain);
        // the hub was closed again: its data directory opens
        try (TwinkitEmulator again = TwinkitEmulator.start(config.toBuilder().serverCertificate(null, null)
                .build())) {
            assertThat(again.hub().options().hubName()).isEqualTo("bad-cert-hub");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EmulatorCommand.run(List.of("--cert", chain.toString(), "--key", otherKey.toString(),
                "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new EmulatorCommand.Lifecycle() {
                    @Override
                    public void onStopRequest(Runnable stop) {
                        throw new AssertionError("the emulator started");
                    }

                    @Override
                    public void awaitStop() {
                        throw new AssertionError("the emulator started");
                    }
                });
        assertThat(status).isEqualTo(EmulatorCommand.EXIT_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("twinkit-emulator: cannot start: the private key"
                + " in " + otherKey + " does not belong to the server certificate in " + chain);
    }

    @Test
    void certAndKeyGoTogetherOnTheCommandLineAndInTheConfiguration() {
        EmulatorConfig config = CommandLine.parse(List.of("--cert", "tls/chain.pem", "--key", "tls/key.pem"))
                .config();
        assertThat(config.serverCertificateChainFile()).contains(Path.of("tls/chain.pem"));
        assertThat(config.serverPrivateKeyFile()).contains(Path.of("tls/key.pem"));
        assertThat(config.toBuilder().build().serverCertificateChainFile()).contains(Path.of("tls/chain.pem"));
        assertThat(config.toString()).contains("server certificate tls/chain.pem with key tls/key.pem");
        assertThat(EmulatorConfig.defaults().serverCertificateChainFile()).isEmpty();
        assertThat(EmulatorConfig.defaults().serverPrivateKeyFile()).isEmpty();

        assertThatThrownBy(() -> CommandLine.parse(List.of("--cert", "chain.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("options --cert and --key go together: --cert names the server certificate chain (PEM)"
                        + " and --key its private key (PEM); give --key too, or neither for the emulator's own"
                        + " certificate");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--key", "key.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give --cert too");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--cert", "a", "--cert", "b", "--key", "k")))
                .hasMessage("option --cert is given twice");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--cert", " ", "--key", "k")))
                .hasMessage("option --cert needs a file, not an empty value");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--cert", "a", "--key")))
                .hasMessage("option --key needs a value");
        assertThatThrownBy(() -> EmulatorConfig.builder().serverCertificate(Path.of("chain.pem"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a server certificate chain and its private key go together: got a certificate chain"
                        + " without its key");
        assertThatThrownBy(() -> EmulatorConfig.builder().serverCertificate(null, Path.of("key.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a server certificate chain and its private key go together: got a key without a"
                        + " certificate chain");
        assertThat(CommandLine.USAGE).contains("--cert FILE --key FILE", "PKCS#8", "chain's last certificate");
    }
}
