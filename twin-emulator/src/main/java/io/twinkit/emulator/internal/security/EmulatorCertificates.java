package io.twinkit.emulator.internal.security;

import io.twinkit.emulator.HubStorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The emulator's own certificate authority and the TLS server certificate it signs, or a server certificate chain
 * and key the user brought ({@link #fromPemFiles(Path, Path)}), with SSL contexts for the emulator's servers and for
 * clients that should trust it.
 *
 * <pre>{@code
 * EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(Path.of("build/hub"));
 * SSLContext server = certificates.serverSslContext();          // for the HTTPS and MQTT listeners
 * ClientOptions.builder().sslContext(certificates.clientSslContext());    // a device client trusting the emulator
 * // service clients: -Djavax.net.ssl.trustStore=<trustStoreFile()> -Djavax.net.ssl.trustStorePassword=<...>
 * }</pre>
 *
 * <p>The CA (EC P-256, basicConstraints CA:true, keyCertSign) is valid for ten years. The server certificate (EC
 * P-256, SANs {@code DNS:localhost}, {@code IP:127.0.0.1} and {@code IP:::1} and the extra names given to
 * {@link #loadOrCreate(Path, List)}, extendedKeyUsage serverAuth) is valid for two years, which suits the SDKs'
 * hostname verification against {@code localhost} and {@code 127.0.0.1}.
 *
 * <p>With a data directory the files live in its {@code tls} subdirectory and are reused on later starts, so a CA
 * that clients trust once stays trusted: {@code ca.pem} (the CA certificate), {@code truststore.p12} (a PKCS12 trust
 * store holding only the CA, password in {@code truststore.password}) and {@code keystore.p12} (the CA and server
 * keys with their chains, password in {@code keystore.password}, readable only by the owner where the file system
 * allows). A server certificate that is about to expire, or that names other hosts than asked for, is re-issued by
 * the same CA, so trust in the CA survives; one that names the same hosts is kept. Without a data directory
 * everything is new, and {@code ca.pem} and {@code truststore.p12} are written to a temporary directory that is
 * deleted when the JVM exits.
 *
 * <p>Immutable and thread-safe. BouncyCastle builds the certificates; it is never registered as a JCA provider.
 */
public final class EmulatorCertificates {

    private final X509Certificate caCertificate;
    private final List<X509Certificate> serverChain;
    private final PrivateKey serverKey;
    private final Path caCertificateFile;
    private final Path trustStoreFile;
    private final String trustStorePassword;

    EmulatorCertificates(X509Certificate caCertificate, X509Certificate serverCertificate, PrivateKey serverKey,
                         Path caCertificateFile, Path trustStoreFile, String trustStorePassword) {
        this(caCertificate, List.of(serverCertificate, caCertificate), serverKey, caCertificateFile, trustStoreFile,
                trustStorePassword);
    }

    EmulatorCertificates(X509Certificate caCertificate, List<X509Certificate> serverChain, PrivateKey serverKey,
                         Path caCertificateFile, Path trustStoreFile, String trustStorePassword) {
        this.caCertificate = caCertificate;
        this.serverChain = List.copyOf(serverChain);
        this.serverKey = serverKey;
        this.caCertificateFile = caCertificateFile;
        this.trustStoreFile = trustStoreFile;
        this.trustStorePassword = trustStorePassword;
    }

    /**
     * Returns the certificates kept in {@code dataDirectory/tls}, creating them on first use, or new ones whose
     * public files are in a temporary directory when {@code dataDirectory} is {@code null}.
     *
     * @param dataDirectory the hub's data directory, or {@code null} for certificates that last as long as the JVM
     * @throws HubStorageException if the files cannot be written, or exist but cannot be read (for example a
     *     damaged key store); deleting the {@code tls} directory makes a new CA
     */
    public static EmulatorCertificates loadOrCreate(@Nullable Path dataDirectory) {
        return loadOrCreate(dataDirectory, List.of());
    }

    /**
     * Returns the certificates as {@link #loadOrCreate(Path)} does, with a server certificate that also names
     * {@code extraNames}: each an IPv4 or IPv6 literal (an IP entry; brackets allowed) or a DNS name (a DNS entry). A
     * kept server certificate that names other hosts is re-issued by the same CA.
     *
     * @param dataDirectory the hub's data directory, or {@code null} for certificates that last as long as the JVM
     * @param extraNames host names and IP addresses the server certificate names besides the loopback names
     * @throws IllegalArgumentException if a name is neither a DNS name nor an IP literal
     * @throws HubStorageException as {@link #loadOrCreate(Path)}
     */
    public static EmulatorCertificates loadOrCreate(@Nullable Path dataDirectory, List<String> extraNames) {
        return loadOrCreate(dataDirectory, Clock.systemUTC(), extraNames);
    }

    static EmulatorCertificates loadOrCreate(@Nullable Path dataDirectory, Clock clock) {
        return loadOrCreate(dataDirectory, clock, List.of());
    }

    static EmulatorCertificates loadOrCreate(@Nullable Path dataDirectory, Clock clock, List<String> extraNames) {
        Objects.requireNonNull(clock, "clock");
        List<String> names = List.copyOf(extraNames);
        // refused before anything is written
        CertificateIssuer.subjectAltNames(names);
        return dataDirectory == null ? CertificateFiles.createTemporary(clock, names)
                : CertificateFiles.loadOrCreate(dataDirectory.resolve(CertificateFiles.DIRECTORY), clock, names);
    }

    /**
     * Returns certificates the user brought instead of the emulator's own: a server certificate chain and its private
     * key, both PEM. The chain file lists the server certificate first, then each issuer in turn (the root may be
     * left out); the key is an unencrypted PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
     * ({@code EC PRIVATE KEY}) RSA or EC key. There is no emulator CA then: the chain's last certificate (its root
     * when the file holds one, else the server certificate itself) stands in for it as {@link #caCertificate()}, the
     * one certificate clients are told to trust, and its PEM and trust store are written to a temporary directory
     * deleted when the JVM exits. The certificate must name the hosts clients connect to: the emulator cannot add
     * names to it.
     *
     * @param chainFile the PEM server certificate chain
     * @param keyFile the PEM private key of the server certificate
     * @throws java.io.UncheckedIOException if a file cannot be read, naming it
     * @throws IllegalArgumentException if a file does not hold what it should, the chain is out of order, the server
     *     certificate is expired or not yet valid, or the key does not belong to it; the message names the file
     * @throws HubStorageException if the public files cannot be written to a temporary directory
     */
    public static EmulatorCertificates fromPemFiles(Path chainFile, Path keyFile) {
        return fromPemFiles(chainFile, keyFile, Clock.systemUTC());
    }

    static EmulatorCertificates fromPemFiles(Path chainFile, Path keyFile, Clock clock) {
        Objects.requireNonNull(chainFile, "chainFile");
        Objects.requireNonNull(keyFile, "keyFile");
        ServerCertificateFiles.Loaded loaded = ServerCertificateFiles.load(chainFile, keyFile, clock.instant());
        return CertificateFiles.temporaryFor(loaded.chain(), loaded.key());
    }

    /**
     * Returns a new server-side TLS context that presents the server certificate with its chain and offers
     * TLSv1.2 and TLSv1.3 (the device SDK's default context speaks only TLSv1.2).
     */
    public SSLContext serverSslContext() {
        try {
            char[] password = CertificateFiles.newPassword().toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serverKey, password, serverChain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot build a TLS server context for an "
                    + serverKey.getAlgorithm() + " key", e);
        }
    }

    /**
     * Returns a new client-side TLS context that trusts the emulator's CA and nothing else. Hostname verification is
     * the client's business: enable endpoint identification {@code HTTPS} as the SDKs do.
     */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(CertificateFiles.trustStore(caCertificate));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this JDK cannot build a TLS client context", e);
        }
    }

    /**
     * Returns the CA certificate, the one certificate clients must trust; for certificates {@linkplain
     * #fromPemFiles(Path, Path) brought by the user}, the last certificate of their chain.
     */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** Returns the server certificate the CA signed, the first of {@link #serverChain()}. */
    public X509Certificate serverCertificate() {
        return serverChain.get(0);
    }

    /** Returns the chain the servers present: the server certificate first, then its issuers. */
    public List<X509Certificate> serverChain() {
        return serverChain;
    }

    /** Returns the CA certificate as PEM text ({@code -----BEGIN CERTIFICATE-----}, 64-character lines). */
    public String caCertificatePem() {
        return CertificateFiles.pem(caCertificate);
    }

    /** Returns the file that holds {@link #caCertificatePem()}, as the device SDK's PEM helpers read it. */
    public Path caCertificateFile() {
        return caCertificateFile;
    }

    /** Returns the PKCS12 trust store that holds only the CA certificate, for {@code javax.net.ssl.trustStore}. */
    public Path trustStoreFile() {
        return trustStoreFile;
    }

    /** Returns the password of {@link #trustStoreFile()}; random per CA, and not a secret: the store holds no key. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** Returns the CA's subject and the file locations, without the password. */
    @Override
    public String toString() {
        return "EmulatorCertificates[" + caCertificate.getSubjectX500Principal().getName() + ", " + caCertificateFile
                + "]";
    }
}
