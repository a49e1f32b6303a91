package io.twinkit.emulator.internal.security;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the emulator's certificates with BouncyCastle's builders on the JDK's own providers; BouncyCastle is never
 * registered as a JCA provider, so the JVM's security setup stays as the application left it.
 */
final class CertificateIssuer {

    /** How long the CA is valid. */
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a server certificate is valid. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** The names the server certificate holds: every way a local client addresses the emulator. */
    static final String[] SERVER_DNS_NAMES = {"localhost"};
    static final String[] SERVER_IP_ADDRESSES = {"127.0.0.1", "::1"};

    // a little backdating so that a client whose clock is slightly behind still accepts a fresh certificate
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    /** Returns a fresh EC P-256 key pair. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    /**
     * Returns a self-signed CA certificate: basicConstraints CA:true (critical), keyCertSign and cRLSign. Its subject
     * carries a random suffix, so that CAs of different emulators never share a name in one trust store.
     */
    static X509Certificate issueCa(KeyPair ca, Instant now) {
        // BouncyCastle keeps the written order, which is the DER order: most significant first
        X500Name subject = new X500Name("O=twinkit,CN=twinkit emulator CA " + HexFormat.of().formatHex(randomBytes(6)));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, ca.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(ca.getPublic()));
            return sign(builder, ca.getPrivate());
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the emulator CA certificate", e);
        }
    }

    /**
     * Returns a server certificate signed by the CA: SANs {@code DNS:localhost}, {@code IP:127.0.0.1} and
     * {@code IP:::1}, extendedKeyUsage serverAuth, digitalSignature; valid until {@link #SERVER_VALIDITY} from
     * {@code now}, but never beyond the CA.
     */
    static X509Certificate issueServer(KeyPair server, X509Certificate caCertificate, PrivateKey caKey, Instant now) {
        Instant notAfter = now.plus(SERVER_VALIDITY);
        if (notAfter.isAfter(caCertificate.getNotAfter().toInstant())) {
            notAfter = caCertificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serialNumber(),
                Date.from(now.minus(BACKDATE)), Date.from(notAfter), new X500Name("O=twinkit,CN=localhost"),
                server.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, serverNames())
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(server.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(caCertificate));
            return sign(builder, caKey);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the emulator server certificate", e);
        }
    }

    private static GeneralNames serverNames() {
        GeneralName[] names = new GeneralName[SERVER_DNS_NAMES.length + SERVER_IP_ADDRESSES.length];
        int i = 0;
        for (String dns : SERVER_DNS_NAMES) {
            names[i++] = new GeneralName(GeneralName.dNSName, dns);
        }
        for (String ip : SERVER_IP_ADDRESSES) {
            names[i++] = new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(ip)));
        }
        return new GeneralNames(names);
    }

    private static byte[] ipBytes(String literal) {
        try {
            // a literal address, so no name lookup happens
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + literal, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("this JDK cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static BigInteger serialNumber() {
        // positive and at most 16 bytes, as RFC 5280 asks; random, so re-issued certificates never collide
        return new BigInteger(1, randomBytes(16)).setBit(0);
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
