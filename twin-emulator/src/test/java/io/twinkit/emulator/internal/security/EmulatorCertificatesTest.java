package io.twinkit.emulator.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.emulator.HubStorageException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmulatorCertificatesTest {

    private static EmulatorCertificates certificates;

    @BeforeAll
    static void createOnce() {
        certificates = EmulatorCertificates.loadOrCreate(null);
    }

    @Test
    void theServerCertificateNamesEveryLocalAddressAndIsForServers() throws Exception {
        X509Certificate server = certificates.serverCertificate();
        assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(server.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(server.getIssuerX500Principal()).isEqualTo(certificates.caCertificate().getSubjectX500Principal());
        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(java.security.Security.getProvider("BC")).as("BouncyCastle is not registered").isNull();
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost,O=twinkit");
        assertThat(Duration.between(server.getNotBefore().toInstant(), server.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(729), Duration.ofDays(731));
    }

    @Test
    void theCaIsACaForTenYears() {
        X509Certificate ca = certificates.caCertificate();
        assertThat(ca.getBasicConstraints()).as("CA:true").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
        assertThat(ca.getSubjectX500Principal().getName()).matches("CN=twinkit emulator CA [0-9a-f]{12},O=twinkit");
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isBetween(Duration.ofDays(3649), Duration.ofDays(3651));
    }

    @Test
    void theChainValidatesAgainstTheCa() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(certificates.caCertificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                factory.generateCertPath(List.of(certificates.serverCertificate())), parameters);

        EmulatorCertificates other = EmulatorCertificates.loadOrCreate(null);
        PKIXParameters foreign = new PKIXParameters(Set.of(new TrustAnchor(other.caCertificate(), null)));
        foreign.setRevocationEnabled(false);
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX").validate(
                factory.generateCertPath(List.of(certificates.serverCertificate())), foreign))
                .isInstanceOf(java.security.cert.CertPathValidatorException.class);
        assertThat(other.caCertificate().getSubjectX500Principal())
                .isNotEqualTo(certificates.caCertificate().getSubjectX500Principal());
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"localhost, TLSv1.3", "localhost, TLSv1.2", "127.0.0.1, TLSv1.3", "127.0.0.1, TLSv1.2"})
    void aClientTrustingTheCaCompletesAVerifiedHandshake(String host, String protocol) throws Exception {
        assertThat(TlsProbe.handshake(certificates.serverSslContext(), certificates.clientSslContext(), host,
                protocol)).isEqualTo(protocol);
    }

    @Test
    void theServerPrefersTlsOneThreeAndOffersOneTwo() throws Exception {
        assertThat(TlsProbe.handshake(certificates.serverSslContext(), certificates.clientSslContext(), "localhost",
                null)).isEqualTo("TLSv1.3");
        assertThat(certificates.serverSslContext().getDefaultSSLParameters().getProtocols())
                .contains("TLSv1.2", "TLSv1.3");
    }

    @Test
    void aClientWithTheJdkDefaultTrustFailsTheHandshake() throws Exception {
        SSLContext jdkDefault = SSLContext.getInstance("TLS");
        jdkDefault.init(null, null, null);
        assertThatThrownBy(() -> TlsProbe.handshake(certificates.serverSslContext(), jdkDefault, "localhost", null))
                .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
    }

    @Test
    void aNameTheCertificateDoesNotHoldFailsHostnameVerification() {
        assertThatThrownBy(() -> TlsProbe.handshake(certificates.serverSslContext(), certificates.clientSslContext(),
                "twinkit.example", null)).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("twinkit.example");
    }

    @Test
    void withoutADataDirectoryThePublicFilesAreInATemporaryDirectory() throws Exception {
        assertThat(certificates.caCertificateFile().getFileName()).hasToString("ca.pem");
        assertThat(certificates.caCertificateFile().getParent().getFileName().toString()).startsWith("twinkit-tls-");
        assertThat(Files.readString(certificates.caCertificateFile(), StandardCharsets.US_ASCII))
                .isEqualTo(certificates.caCertificatePem());
        assertThat(readPem(certificates.caCertificateFile())).isEqualTo(certificates.caCertificate());
        assertThat(loadTrustStore(certificates.trustStoreFile(), certificates.trustStorePassword()))
                .containsExactly(certificates.caCertificate());
        assertThat(certificates.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n")
                .endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(certificates.caCertificatePem().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(65));
        assertThat(certificates.toString()).doesNotContain(certificates.trustStorePassword());
    }

    @Test
    void aDataDirectoryKeepsTheCaAcrossStarts(@TempDir Path data) throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrCreate(data);
        EmulatorCertificates second = EmulatorCertificates.loadOrCreate(data);

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.serverCertificate()).isEqualTo(first.serverCertificate());
        assertThat(second.trustStorePassword()).isEqualTo(first.trustStorePassword()).hasSize(24);
        Path tls = data.resolve("tls");
        assertThat(second.caCertificateFile()).isEqualTo(tls.resolve("ca.pem"));
        assertThat(second.trustStoreFile()).isEqualTo(tls.resolve("truststore.p12"));
        assertThat(Files.readString(tls.resolve("truststore.password")).strip()).isEqualTo(first.trustStorePassword());
        assertThat(readPem(second.caCertificateFile())).isEqualTo(first.caCertificate());
        assertThat(loadTrustStore(second.trustStoreFile(), second.trustStorePassword()))
                .containsExactly(first.caCertificate());
        assertThat(TlsProbe.handshake(second.serverSslContext(), first.clientSslContext(), "127.0.0.1", null))
                .isEqualTo("TLSv1.3");
        if (tls.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("keystore.p12"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("keystore.password"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve("ca.pem"))))
                    .isEqualTo("rw-r--r--");
        }
    }

    @Test
    void lostPublicFilesAreWrittenAgainForTheSameCa(@TempDir Path data) throws Exception {
        EmulatorCertificates first = EmulatorCertificates.loadOrCreate(data);
        Files.delete(first.caCertificateFile());
        Files.write(first.trustStoreFile(), new byte[] {1, 2, 3});

        EmulatorCertificates second = EmulatorCertificates.loadOrCreate(data);
        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(readPem(second.caCertificateFile())).isEqualTo(first.caCertificate());
        assertThat(loadTrustStore(second.trustStoreFile(), second.trustStorePassword()))
                .containsExactly(first.caCertificate());
    }

    @Test
    void aServerCertificateNearItsEndIsReissuedByTheSameCa(@TempDir Path data) throws Exception {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        EmulatorCertificates first = EmulatorCertificates.loadOrCreate(data, Clock.fixed(start, ZoneOffset.UTC));
        Instant later = start.plus(Duration.ofDays(710));
        EmulatorCertificates second = EmulatorCertificates.loadOrCreate(data, Clock.fixed(later, ZoneOffset.UTC));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.serverCertificate()).isNotEqualTo(first.serverCertificate());
        second.serverCertificate().checkValidity(Date.from(later.plus(Duration.ofDays(700))));
        second.serverCertificate().verify(first.caCertificate().getPublicKey());
        assertThat(EmulatorCertificates.loadOrCreate(data, Clock.fixed(later, ZoneOffset.UTC)).serverCertificate())
                .as("kept once renewed").isEqualTo(second.serverCertificate());

        Instant nearCaEnd = start.plus(Duration.ofDays(3640));
        EmulatorCertificates third = EmulatorCertificates.loadOrCreate(data, Clock.fixed(nearCaEnd, ZoneOffset.UTC));
        assertThat(third.caCertificate()).isNotEqualTo(first.caCertificate());
        assertThat(readPem(third.caCertificateFile())).isEqualTo(third.caCertificate());
        assertThat(loadTrustStore(third.trustStoreFile(), third.trustStorePassword()))
                .containsExactly(third.caCertificate());
    }

    @Test
    void extraNamesBecomeDnsAndIpEntriesOfTheServerCertificate() throws Exception {
        EmulatorCertificates named = EmulatorCertificates.loadOrCreate(null, List.of("Emulator.Example.Test",
                "10.1.2.3", "[FD00::1]", "fd00::2", "127.0.0.5", "twinkit"));
        assertThat(named.serverCertificate().getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(2, "emulator.example.test"), List.of(7, "10.1.2.3"), List.of(7, "fd00:0:0:0:0:0:0:1"),
                List.of(7, "fd00:0:0:0:0:0:0:2"), List.of(7, "127.0.0.5"), List.of(2, "twinkit"));
        // a client verifying a DNS name from the list by SNI and endpoint identification accepts the certificate
        assertThat(TlsProbe.handshake(named.serverSslContext(), named.clientSslContext(), "emulator.example.test",
                null)).isEqualTo("TLSv1.3");
        assertThat(TlsProbe.handshake(named.serverSslContext(), named.clientSslContext(), "twinkit", null))
                .isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> TlsProbe.handshake(named.serverSslContext(), named.clientSslContext(),
                "other.example.test", null)).isInstanceOf(SSLHandshakeException.class);
        assertThat(certificates.serverCertificate().getSubjectAlternativeNames()).as("none without extra names")
                .hasSize(3);
    }

    @ParameterizedTest
    @CsvSource({"host name", "a/b", "localhost:8443", "-x"})
    void aNameNoCertificateCanHoldIsRefusedBeforeAnythingIsWritten(String name, @TempDir Path data) {
        assertThatThrownBy(() -> EmulatorCertificates.loadOrCreate(data, List.of(name)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + name + "' is neither a DNS name nor an IP address, so no server certificate can"
                        + " name it");
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void inADataDirectoryTheSameCaReissuesTheServerCertificateWhenTheNamesChange(@TempDir Path data)
            throws Exception {
        EmulatorCertificates plain = EmulatorCertificates.loadOrCreate(data);
        EmulatorCertificates named = EmulatorCertificates.loadOrCreate(data, List.of("emulator.example.test",
                "10.1.2.3"));
        assertThat(named.caCertificate()).isEqualTo(plain.caCertificate());
        assertThat(named.trustStorePassword()).isEqualTo(plain.trustStorePassword());
        assertThat(named.serverCertificate()).isNotEqualTo(plain.serverCertificate());
        named.serverCertificate().verify(plain.caCertificate().getPublicKey());
        assertThat(named.serverCertificate().getSubjectAlternativeNames()).contains(List.of(2, "emulator.example.test"),
                List.of(7, "10.1.2.3"));
        // a client that trusted the CA before the names changed still connects, now by the new name
        assertThat(TlsProbe.handshake(named.serverSslContext(), plain.clientSslContext(), "emulator.example.test",
                null)).isEqualTo("TLSv1.3");

        EmulatorCertificates same = EmulatorCertificates.loadOrCreate(data, List.of("10.1.2.3",
                "Emulator.Example.Test"));
        assertThat(same.serverCertificate()).as("the same names in another order and case keep the certificate")
                .isEqualTo(named.serverCertificate());

        EmulatorCertificates back = EmulatorCertificates.loadOrCreate(data);
        assertThat(back.caCertificate()).isEqualTo(plain.caCertificate());
        assertThat(back.serverCertificate().getSubjectAlternativeNames()).hasSize(3);
        assertThat(back.serverCertificate()).isNotEqualTo(named.serverCertificate());
    }

    @Test
    void aDamagedKeyStoreIsReportedNotReplaced(@TempDir Path data) throws Exception {
        EmulatorCertificates.loadOrCreate(data);
        Path keyStore = data.resolve("tls").resolve("keystore.p12");
        Files.write(keyStore, "not a key store".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> EmulatorCertificates.loadOrCreate(data))
                .isInstanceOf(HubStorageException.class)
                .hasMessageContaining(keyStore.toString()).hasMessageContaining("delete the directory");
        assertThat(Files.readString(keyStore)).isEqualTo("not a key store");
    }

    @Test
    void aKeyStoreWithoutItsPasswordIsReported(@TempDir Path data) throws Exception {
        EmulatorCertificates.loadOrCreate(data);
        Files.delete(data.resolve("tls").resolve("keystore.password"));
        assertThatThrownBy(() -> EmulatorCertificates.loadOrCreate(data))
                .isInstanceOf(HubStorageException.class).hasMessageContaining("keystore.password is missing");
    }

    private static X509Certificate readPem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static List<X509Certificate> loadTrustStore(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return java.util.Collections.list(store.aliases()).stream()
                .map(alias -> {
                    try {
                        assertThat(store.isCertificateEntry(alias)).as("only trusted certificates").isTrue();
                        return (X509Certificate) store.getCertificate(alias);
                    } catch (java.security.KeyStoreException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
