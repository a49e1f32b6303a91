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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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
    /** The names every server certificate holds: every way a local client addresses the emulator. */
    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
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
     * Returns a server certificate signed by the CA: SANs {@code DNS:localhost}, {@code IP:127.0.0.1},
     * {@code IP:::1} and one for each of {@code extraNames} (an IP entry for an IPv4 or IPv6 literal, a DNS entry
     * otherwise), extendedKeyUsage serverAuth, digitalSignature; valid until {@link #SERVER_VALIDITY} from
     * {@code now}, but never beyond the CA.
     */
    static X509Certificate issueServer(KeyPair server, X509Certificate caCertificate, PrivateKey caKey, Instant now,
                                       Collection<String> extraNames) {
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
                    .addExtension(Extension.subjectAlternativeName, false, serverNames(extraNames))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(server.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(caCertificate));
            return sign(builder, caKey);
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the emulator server certificate", e);
        }
    }

    private static GeneralNames serverNames(Collection<String> extraNames) {
        List<GeneralName> names = new ArrayList<>();
        for (String name : subjectAltNames(extraNames)) {
            names.add(name.startsWith("ip:")
                    ? new GeneralName(GeneralName.iPAddress, new DEROctetString(HexFormat.of().parseHex(
                            name.substring(3))))
                    : new GeneralName(GeneralName.dNSName, name.substring(4)));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /**
     * Returns the subjectAltName entries of a server certificate for {@code extraNames} besides the loopback names,
     * each as {@code dns:<lower-case name>} or {@code ip:<hex of the address bytes>}, without repeats: the form in
     * which two certificates' names are compared.
     *
     * @throws IllegalArgumentException if a name is neither an IP literal nor a DNS name
     */
    static Set<String> subjectAltNames(Collection<String> extraNames) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : LOOPBACK_NAMES) {
            names.add(subjectAltName(name));
        }
        for (String name : extraNames) {
            names.add(subjectAltName(name));
        }
        return names;
    }

    /** Returns the subjectAltName entries {@code certificate} holds, in the form of {@link #subjectAltNames}. */
    static Set<String> subjectAltNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    int type = (Integer) entry.get(0);
                    if (type == GeneralName.dNSName) {
                        names.add("dns:" + ((String) entry.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == GeneralName.iPAddress) {
                        names.add("ip:" + HexFormat.of().formatHex(ipBytes((String) entry.get(1))));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // a certificate whose names cannot be read matches no wanted set, so it is issued again
            names.add("unreadable:" + e.getMessage());
        }
        return names;
    }

    private static String subjectAltName(String name) {
        String bare = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (isIpLiteral(bare)) {
            return "ip:" + HexFormat.of().formatHex(ipBytes(bare));
        }
        String dns = bare.toLowerCase(Locale.ROOT);
        if (!dns.matches("[a-z0-9_]([a-z0-9_.-]{0,251}[a-z0-9_])?")) {
            throw new IllegalArgumentException("'" + name + "' is neither a DNS name nor an IP address, so no server"
                    + " certificate can name it");
        }
        return "dns:" + dns;
    }

    /** Returns whether {@code text} is an IPv4 literal (four decimal numbers) or an IPv6 literal (with colons). */
    static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
    }

    private static byte[] ipBytes(String literal) {
        try {
            // a literal address, so no name lookup happens
            return InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address", e);
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
