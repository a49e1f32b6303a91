package io.twinkit.emulator.internal.security;

import static io.twinkit.emulator.testing.TestCertificates.ca;
import static io.twinkit.emulator.testing.TestCertificates.ec;
import static io.twinkit.emulator.testing.TestCertificates.encrypted;
import static io.twinkit.emulator.testing.TestCertificates.pem;
import static io.twinkit.emulator.testing.TestCertificates.pkcs8;
import static io.twinkit.emulator.testing.TestCertificates.rsa;
import static io.twinkit.emulator.testing.TestCertificates.server;
import static io.twinkit.emulator.testing.TestCertificates.traditional;
import static io.twinkit.emulator.testing.TestCertificates.trusting;
import static io.twinkit.emulator.testing.TestCertificates.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.testing.TestCertificates.Issued;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A server certificate chain and key the user brings: the formats read, and every problem named at start. */
class ServerCertificateFilesTest {

    private static Issued rsaRoot;
    private static Issued ecRoot;

    @TempDir
    Path directory;

    @BeforeAll
    static void roots() {
        rsaRoot = ca("user root rsa", rsa());
        ecRoot = ca("user root ec", ec());
    }

    @ParameterizedTest(name = "{0} key in {1} form, issued by the {2} root")
    @CsvSource({"RSA, PKCS8, EC", "RSA, TRADITIONAL, RSA", "EC, PKCS8, RSA", "EC, TRADITIONAL, EC"})
    void everyKeyFormIsReadAndTheChainServesAVerifiedHandshake(String algorithm, String form, String rootAlgorithm)
            throws Exception {
        KeyPair keys = algorithm.equals("RSA") ? rsa() : ec();
        Issued root = rootAlgorithm.equals("RSA") ? rsaRoot : ecRoot;
        Issued leaf = server("user server", keys, root);
        Path chain = write(directory, "chain.pem", pem(leaf.certificate(), root.certificate()));
        String keyText = form.equals("PKCS8") ? pkcs8(keys.getPrivate()) : traditional(keys.getPrivate());
        assertThat(keyText).startsWith(form.equals("PKCS8") ? "-----BEGIN PRIVATE KEY-----"
                : "-----BEGIN " + algorithm + " PRIVATE KEY-----");
        Path key = write(directory, "key.pem", keyText);

        EmulatorCertificates certificates = EmulatorCertificates.fromPemFiles(chain, key);

        assertThat(certificates.serverCertificate()).isEqualTo(leaf.certificate());
        assertThat(certificates.serverChain()).containsExactly(leaf.certificate(), root.certificate());
        assertThat(certificates.caCertificate()).as("the chain's root stands in for the CA")
                .isEqualTo(root.certificate());
        assertThat(Files.readString(certificates.caCertificateFile())).isEqualTo(pem(root.certificate()))
                .isEqualTo(certificates.caCertificatePem());
        assertThat(TlsProbe.handshake(certificates.serverSslContext(), trusting(root.certificate()), "localhost",
                null)).isEqualTo("TLSv1.3");
        assertThat(TlsProbe.handshake(certificates.serverSslContext(), certificates.clientSslContext(), "127.0.0.1",
                "TLSv1.2")).isEqualTo("TLSv1.2");
        assertThatThrownBy(() -> TlsProbe.handshake(certificates.serverSslContext(),
                trusting(ca("another root", ec()).certificate()), "localhost", null))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aLoneSelfSignedCertificateIsItsOwnAnchor() throws Exception {
        KeyPair keys = rsa();
        Issued alone = server("self signed", keys, null);
        EmulatorCertificates certificates = EmulatorCertificates.fromPemFiles(
                write(directory, "cert.pem", pem(alone.certificate())),
                write(directory, "key.pem", traditional(keys.getPrivate())));
        assertThat(certificates.caCertificate()).isEqualTo(alone.certificate());
        assertThat(certificates.serverChain()).containsExactly(alone.certificate());
        assertThat(TlsProbe.handshake(certificates.serverSslContext(), trusting(alone.certificate()), "localhost",
                null)).isEqualTo("TLSv1.3");
    }

    @Test
    void anOpensslEcKeyWithItsCurveParametersFirstIsRead() throws Exception {
        KeyPair keys = ec();
        Issued leaf = server("ec params", keys, ecRoot);
        String withParameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + traditional(keys.getPrivate());
        EmulatorCertificates certificates = EmulatorCertificates.fromPemFiles(
                write(directory, "chain.pem", pem(leaf.certificate())), write(directory, "key.pem", withParameters));
        assertThat(certificates.serverCertificate()).isEqualTo(leaf.certificate());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        Issued leaf = server("mismatch", ec(), ecRoot);
        Path chain = write(directory, "chain.pem", pem(leaf.certificate(), ecRoot.certificate()));
        Path otherEc = write(directory, "other-ec.pem", pkcs8(ec().getPrivate()));
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, otherEc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key in " + otherEc + " does not belong to the server certificate in " + chain
                        + " (CN=mismatch,O=twinkit test): a signature made with the key does not verify with the"
                        + " certificate's public key");
        Path rsaKey = write(directory, "rsa.pem", pkcs8(rsa().getPrivate()));
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, rsaKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key in " + rsaKey + " is an RSA key, but the server certificate in " + chain
                        + " holds an EC key: they do not belong together");
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefused() throws Exception {
        KeyPair keys = ec();
        Path key = write(directory, "key.pem", pkcs8(keys.getPrivate()));
        Instant now = Instant.now();
        Instant ended = now.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path expired = write(directory, "expired.pem", pem(server("old", keys, ecRoot,
                now.minus(Duration.ofDays(30)), ended, List.of("localhost")).certificate()));
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(expired, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server certificate in " + expired + " (CN=old,O=twinkit test) expired on " + ended);
        Instant starts = now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path early = write(directory, "early.pem", pem(server("early", keys, ecRoot, starts,
                now.plus(Duration.ofDays(30)), List.of("localhost")).certificate()));
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(early, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server certificate in " + early + " (CN=early,O=twinkit test) is not valid before "
                        + starts);
    }

    @Test
    void aChainOutOfOrderIsRefusedSayingHowToOrderIt() throws Exception {
        KeyPair keys = ec();
        Issued leaf = server("ordered", keys, rsaRoot);
        Path reversed = write(directory, "reversed.pem", pem(leaf.certificate(), ecRoot.certificate()));
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(reversed,
                write(directory, "key.pem", pkcs8(keys.getPrivate()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server certificate chain file " + reversed + " is not a chain: certificate 2"
                        + " (CN=user root ec,O=twinkit test) did not issue certificate 1 (CN=ordered,O=twinkit test);"
                        + " list the server certificate first, then each issuer in turn");
    }

    @Test
    void unreadableEmptySwappedAndEncryptedFilesAreNamed() throws Exception {
        KeyPair keys = ec();
        Issued leaf = server("files", keys, ecRoot);
        Path chain = write(directory, "chain.pem", pem(leaf.certificate()));
        Path key = write(directory, "key.pem", pkcs8(keys.getPrivate()));
        Path missing = directory.resolve("missing.pem");

        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(missing, key))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("the server certificate chain file " + missing + " cannot be read:");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, missing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("the private key file " + missing + " cannot be read:");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(key, chain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server certificate chain file " + key + " holds no PEM certificate (-----BEGIN"
                        + " CERTIFICATE-----); it holds a private key: are --cert and --key swapped?");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, chain))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the private key file " + chain + " holds a certificate, not a private key: are --cert and"
                        + " --key swapped?");
        Path text = write(directory, "text.pem", "hello");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the private key file " + text + " holds no PEM private key");
        Path garbled = write(directory, "garbled.pem",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(garbled, key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the server certificate chain file " + garbled
                        + " holds a PEM certificate that cannot be read:");
        Path locked = write(directory, "locked.pem", encrypted(keys.getPrivate(), "secret"));
        assertThat(Files.readString(locked, StandardCharsets.US_ASCII)).contains("ENCRYPTED");
        assertThatThrownBy(() -> EmulatorCertificates.fromPemFiles(chain, locked))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the private key in " + locked + " is encrypted; give it unencrypted");
    }
}
