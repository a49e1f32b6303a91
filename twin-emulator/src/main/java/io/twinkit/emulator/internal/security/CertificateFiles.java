package io.twinkit.emulator.internal.security;

import io.twinkit.emulator.HubStorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads and writes the files of {@link EmulatorCertificates}: key store, trust store, CA PEM and passwords. */
final class CertificateFiles {

    static final String DIRECTORY = "tls";
    static final String CA_PEM = "ca.pem";
    static final String KEY_STORE = "keystore.p12";
    static final String KEY_STORE_PASSWORD = "keystore.password";
    static final String TRUST_STORE = "truststore.p12";
    static final String TRUST_STORE_PASSWORD = "truststore.password";
    static final String CA_ALIAS = "ca";
    static final String SERVER_ALIAS = "server";

    /** A certificate this close to its end is replaced on the next start. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private CertificateFiles() {
    }

    /** The CA and server keys with their certificates. */
    private record Material(PrivateKey caKey, X509Certificate ca, PrivateKey serverKey, X509Certificate server) {
    }

    static synchronized EmulatorCertificates loadOrCreate(Path directory, Clock clock, List<String> extraNames) {
        try {
            Files.createDirectories(directory);
            // another emulator process on the same data directory must not create a second CA at the same time
            try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return loadOrCreateLocked(directory, clock.instant(), extraNames);
            }
        } catch (IOException e) {
            throw new HubStorageException("the TLS files in " + directory + " cannot be written: " + e, e);
        }
    }

    static EmulatorCertificates createTemporary(Clock clock, List<String> extraNames) {
        Material material = fresh(clock.instant(), extraNames);
        return temporary(material.ca(), List.of(material.server(), material.ca()), material.serverKey(),
                "the emulator's CA certificate");
    }

    /**
     * Returns certificates for a chain and key the user brought: the chain's last certificate stands in for the CA,
     * and its PEM and trust store are written to a temporary directory deleted when the JVM exits.
     */
    static EmulatorCertificates temporaryFor(List<X509Certificate> chain, PrivateKey key) {
        return temporary(chain.get(chain.size() - 1), chain, key, "the certificate clients must trust");
    }

    /** Writes {@code anchor}'s PEM and trust store to a temporary directory deleted when the JVM exits. */
    private static EmulatorCertificates temporary(X509Certificate anchor, List<X509Certificate> serverChain,
                                                  PrivateKey serverKey, String what) {
        try {
            Path directory = Files.createTempDirectory("twinkit-tls-");
            directory.toFile().deleteOnExit();
            Path pem = directory.resolve(CA_PEM);
            Path trustStore = directory.resolve(TRUST_STORE);
            String password = newPassword();
            // registered after the directory, so deleted before it
            pem.toFile().deleteOnExit();
            trustStore.toFile().deleteOnExit();
            write(pem, pem(anchor).getBytes(StandardCharsets.US_ASCII), false);
            write(trustStore, store(trustStore(anchor), password), false);
            return new EmulatorCertificates(anchor, serverChain, serverKey, pem, trustStore, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new HubStorageException(what + " cannot be written to a temporary directory: " + e, e);
        }
    }

    private static EmulatorCertificates loadOrCreateLocked(Path directory, Instant now, List<String> extraNames)
            throws IOException {
        Path keyStoreFile = directory.resolve(KEY_STORE);
        Path keyPasswordFile = directory.resolve(KEY_STORE_PASSWORD);
        Material material;
        if (Files.exists(keyStoreFile)) {
            String password = readPassword(keyPasswordFile, keyStoreFile);
            material = readKeyStore(keyStoreFile, password);
            Material renewed = renew(material, now, extraNames);
            if (renewed != material) {
                writeKeyStore(keyStoreFile, renewed, password);
                material = renewed;
            }
        } else {
            material = fresh(now, extraNames);
            String password = newPassword();
            // the password first: a key store without its password would be unreadable, the reverse is harmless
            write(keyPasswordFile, password.getBytes(StandardCharsets.UTF_8), true);
            writeKeyStore(keyStoreFile, material, password);
        }
        Path pem = directory.resolve(CA_PEM);
        byte[] pemBytes = pem(material.ca()).getBytes(StandardCharsets.US_ASCII);
        if (!Files.exists(pem) || !Arrays.equals(Files.readAllBytes(pem), pemBytes)) {
            write(pem, pemBytes, false);
        }
        Path trustStore = directory.resolve(TRUST_STORE);
        String trustPassword = ensureTrustStore(trustStore, directory.resolve(TRUST_STORE_PASSWORD), material.ca());
        return new EmulatorCertificates(material.ca(), material.server(), material.serverKey(), pem, trustStore,
                trustPassword);
    }

    /**
     * Returns the material as it is when nothing is near its end and the server certificate holds exactly the wanted
     * names, else with a new CA (near its end) or a new server certificate from the same CA (near its end, or naming
     * other hosts), so that clients keep trusting the CA.
     */
    private static Material renew(Material material, Instant now, List<String> extraNames) {
        Instant soon = now.plus(RENEW_BEFORE);
        if (material.ca().getNotAfter().toInstant().isBefore(soon)) {
            return fresh(now, extraNames);
        }
        if (material.server().getNotAfter().toInstant().isBefore(soon)
                || !CertificateIssuer.subjectAltNames(material.server())
                        .equals(CertificateIssuer.subjectAltNames(extraNames))) {
            KeyPair server = CertificateIssuer.newKeyPair();
            return new Material(material.caKey(), material.ca(), server.getPrivate(),
                    CertificateIssuer.issueServer(server, material.ca(), material.caKey(), now, extraNames));
        }
        return material;
    }

    private static Material fresh(Instant now, List<String> extraNames) {
        KeyPair ca = CertificateIssuer.newKeyPair();
        X509Certificate caCertificate = CertificateIssuer.issueCa(ca, now);
        KeyPair server = CertificateIssuer.newKeyPair();
        return new Material(ca.getPrivate(), caCertificate, server.getPrivate(),
                CertificateIssuer.issueServer(server, caCertificate, ca.getPrivate(), now, extraNames));
    }

    private static String ensureTrustStore(Path file, Path passwordFile, X509Certificate ca) throws IOException {
        String password = Files.exists(passwordFile) ? Files.readString(passwordFile, StandardCharsets.UTF_8).strip()
                : null;
        if (password != null && Files.exists(file) && holdsOnly(file, password, ca)) {
            return password;
        }
        if (password == null || password.isEmpty()) {
            password = newPassword();
            write(passwordFile, password.getBytes(StandardCharsets.UTF_8), false);
        }
        try {
            write(file, store(trustStore(ca), password), false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot write a PKCS12 trust store", e);
        }
        return password;
    }

    private static boolean holdsOnly(Path file, String password, X509Certificate ca) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store.size() == 1 && ca.equals(store.getCertificate(CA_ALIAS));
        } catch (IOException | GeneralSecurityException e) {
            // a trust store that does not load with its password is simply written again
            return false;
        }
    }

    private static String readPassword(Path passwordFile, Path keyStoreFile) throws IOException {
        if (!Files.exists(passwordFile)) {
            throw damaged(keyStoreFile, "its password file " + passwordFile.getFileName() + " is missing", null);
        }
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    }

    private static Material readKeyStore(Path file, String password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Key caKey = store.getKey(CA_ALIAS, password.toCharArray());
            Key serverKey = store.getKey(SERVER_ALIAS, password.toCharArray());
            Certificate[] caChain = store.getCertificateChain(CA_ALIAS);
            Certificate[] serverChain = store.getCertificateChain(SERVER_ALIAS);
            if (!(caKey instanceof PrivateKey ca) || !(serverKey instanceof PrivateKey server)
                    || caChain == null || serverChain == null || caChain.length != 1 || serverChain.length != 2
                    || !(caChain[0] instanceof X509Certificate caCertificate)
                    || !(serverChain[0] instanceof X509Certificate serverCertificate)
                    || !caCertificate.equals(serverChain[1])) {
                throw damaged(file, "it lacks the entries '" + CA_ALIAS + "' and '" + SERVER_ALIAS
                        + "' with their chains", null);
            }
            serverCertificate.verify(caCertificate.getPublicKey());
            return new Material(ca, caCertificate, server, serverCertificate);
        } catch (GeneralSecurityException e) {
            throw damaged(file, e.toString(), e);
        } catch (IOException e) {
            // PKCS12 reports a wrong password or a garbled file as an IOException
            if (Files.isReadable(file)) {
                throw damaged(file, e.toString(), e);
            }
            throw e;
        }
    }

    private static void writeKeyStore(Path file, Material material, String password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(CA_ALIAS, material.caKey(), password.toCharArray(), new Certificate[] {material.ca()});
            store.setKeyEntry(SERVER_ALIAS, material.serverKey(), password.toCharArray(),
                    new Certificate[] {material.server(), material.ca()});
            write(file, store(store, password), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot write a PKCS12 key store", e);
        }
    }

    /** Returns an in-memory PKCS12 store whose only entry is the trusted CA certificate. */
    static KeyStore trustStore(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(CA_ALIAS, ca);
        return store;
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Returns 24 random URL-safe characters. */
    static String newPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(CertificateIssuer.randomBytes(18));
    }

    private static byte[] store(KeyStore store, String password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    /** Writes {@code bytes} through a temporary file and an atomic rename, so a crash never leaves half a file. */
    private static void write(Path file, byte[] bytes, boolean ownerOnly) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        // on POSIX file systems a temporary file starts as rw-------
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            if (!ownerOnly && directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static HubStorageException damaged(Path file, String why, @Nullable Throwable cause) {
        String message = "the emulator's key store " + file + " cannot be read (" + why + "); delete the directory "
                + file.getParent() + " to create a new CA, which clients then have to trust again";
        return cause == null ? new HubStorageException(message) : new HubStorageException(message, cause);
    }
}
