package io.twinkit.emulator.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Certificates and keys a user might bring to the emulator ({@code --cert}/{@code --key}), made with BouncyCastle's
 * builders on the JDK's providers, and written as the PEM files OpenSSL writes.
 */
public final class TestCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    /** A certificate and the key pair of its subject. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
    }

    /** Returns a fresh RSA 2048 key pair. */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a fresh EC P-256 key pair. */
    public static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns a self-signed CA certificate valid from an hour ago for a year. */
    public static Issued ca(String commonName, KeyPair keys) {
        Instant now = Instant.now();
        return new Issued(issue(commonName, keys, null, keys.getPrivate(), true, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(365)), List.of()), keys);
    }

    /**
     * Returns a server certificate for {@code names} (IP literals become IP entries) issued by {@code issuer}, or
     * self-signed when {@code issuer} is {@code null}, valid from {@code notBefore} to {@code notAfter}.
     */
    public static Issued server(String commonName, KeyPair keys, @Nullable Issued issuer, Instant notBefore,
                                Instant notAfter, List<String> names) {
        return new Issued(issue(commonName, keys, issuer == null ? null : issuer.certificate(),
                issuer == null ? keys.getPrivate() : issuer.keys().getPrivate(), false, notBefore, notAfter, names),
                keys);
    }

    /** Returns a server certificate for localhost and 127.0.0.1, valid from an hour ago for a month. */
    public static Issued server(String commonName, KeyPair keys, @Nullable Issued issuer) {
        Instant now = Instant.now();
        return server(commonName, keys, issuer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)),
                List.of("localhost", "127.0.0.1"));
    }

    private static X509Certificate issue(String commonName, KeyPair keys, @Nullable X509Certificate issuer,
                                         PrivateKey issuerKey, boolean ca, Instant notBefore, Instant notAfter,
                                         List<String> names) {
        X500Name subject = new X500Name("O=twinkit test,CN=" + commonName);
        BigInteger serial = new BigInteger(64, RANDOM).setBit(0);
        // built from the issuer's certificate, the issuer name is its subject byte for byte
        JcaX509v3CertificateBuilder builder = issuer == null
                ? new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore), Date.from(notAfter), subject,
                        keys.getPublic())
                : new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject,
                        keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                List<GeneralName> entries = new ArrayList<>();
                for (String name : names) {
                    entries.add(Character.isDigit(name.charAt(0)) || name.contains(":")
                            ? new GeneralName(GeneralName.iPAddress,
                                    new DEROctetString(InetAddress.getByName(name).getAddress()))
                            : new GeneralName(GeneralName.dNSName, name));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(entries.toArray(GeneralName[]::new)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    /** Returns the certificates as PEM, one after the other, as a chain file holds them. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return text.toString();
    }

    /** Returns the key as PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}. */
    public static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Returns the key in OpenSSL's traditional form: PKCS#1 {@code RSA PRIVATE KEY}, or SEC1 {@code EC PRIVATE KEY}
     * with the curve inside, as {@code openssl ec} writes it.
     */
    public static String traditional(PrivateKey key) {
        if (key.getAlgorithm().equals("EC")) {
            try {
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                byte[] sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                        info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
                return "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(sec1) + "\n-----END EC PRIVATE KEY-----\n";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** Returns the key in OpenSSL's traditional form, encrypted with AES-128-CBC under {@code password}. */
    public static String encrypted(PrivateKey key, String password) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // OpenSSL's key derivation is BouncyCastle's own; its provider is passed, never registered
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                    .build(password.toCharArray()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** Writes {@code text} to {@code directory/name} and returns the file. */
    public static Path write(Path directory, String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /** Returns a client TLS context that trusts {@code anchor} and nothing else. */
    public static SSLContext trusting(X509Certificate anchor) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("anchor", anchor);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
