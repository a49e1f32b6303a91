package io.twinkit.emulator.internal.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and checks a server certificate chain and its private key brought by the user (PEM files), so that a start
 * fails with a message naming the file and the problem instead of a TLS handshake failing later.
 */
final class ServerCertificateFiles {

    /** A checked chain (server certificate first) and the private key of its first certificate. */
    record Loaded(List<X509Certificate> chain, PrivateKey key) {
    }

    private ServerCertificateFiles() {
    }

    /**
     * Reads {@code chainFile} and {@code keyFile} and checks them: the chain is one or more PEM certificates, each
     * issued by the next; the first is valid at {@code now}; the key is an unencrypted RSA or EC private key (PKCS#8
     * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}) that belongs to the first
     * certificate.
     *
     * @throws UncheckedIOException if a file cannot be read, naming it
     * @throws IllegalArgumentException if a file does not hold what it should or the two do not fit, naming the file
     */
    static Loaded load(Path chainFile, Path keyFile, Instant now) {
        List<X509Certificate> chain = readChain(chainFile);
        checkChain(chainFile, chain, now);
        PrivateKey key = readKey(keyFile, chainFile);
        checkPair(chainFile, chain.get(0), keyFile, key);
        return new Loaded(chain, key);
    }

    private static List<X509Certificate> readChain(Path file) {
        String text = readAscii(file, "server certificate chain");
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the server certificate chain file " + file + " holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)" + (text.contains("PRIVATE KEY-----")
                    ? "; it holds a private key: are --cert and --key swapped?" : ""));
        }
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the server certificate chain file " + file
                    + " holds a PEM certificate that cannot be read: " + e.getMessage(), e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : read) {
            chain.add((X509Certificate) certificate);
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the server certificate chain file " + file
                    + " holds no readable X.509 certificate");
        }
        return chain;
    }

    private static void checkChain(Path file, List<X509Certificate> chain, Instant now) {
        X509Certificate server = chain.get(0);
        if (server.getNotAfter().toInstant().isBefore(now)) {
            throw new IllegalArgumentException("the server certificate in " + file + " ("
                    + server.getSubjectX500Principal().getName() + ") expired on " + server.getNotAfter().toInstant());
        }
        if (server.getNotBefore().toInstant().isAfter(now)) {
            throw new IllegalArgumentException("the server certificate in " + file + " ("
                    + server.getSubjectX500Principal().getName() + ") is not valid before "
                    + server.getNotBefore().toInstant());
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate subject = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            boolean issued = subject.getIssuerX500Principal().equals(issuer.getSubjectX500Principal());
            if (issued) {
                try {
                    subject.verify(issuer.getPublicKey());
                } catch (GeneralSecurityException e) {
                    issued = false;
                }
            }
            if (!issued) {
                throw new IllegalArgumentException("the server certificate chain file " + file + " is not a chain:"
                        + " certificate " + (i + 2) + " (" + issuer.getSubjectX500Principal().getName()
                        + ") did not issue certificate " + (i + 1) + " (" + subject.getSubjectX500Principal().getName()
                        + "); list the server certificate first, then each issuer in turn");
            }
        }
        // a certificate past its end would fail every client too, so it is named at start
        Date at = Date.from(now);
        for (int i = 1; i < chain.size(); i++) {
            try {
                chain.get(i).checkValidity(at);
            } catch (CertificateException e) {
                throw new IllegalArgumentException("certificate " + (i + 1) + " of the chain in " + file + " ("
                        + chain.get(i).getSubjectX500Principal().getName() + ") is not valid now: "
                        + e.getMessage(), e);
            }
        }
    }

    private static PrivateKey readKey(Path file, Path chainFile) {
        String text = readAscii(file, "private key");
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object = parser.readObject();
            // `openssl ecparam -genkey` writes the curve before the key
            while (object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters) {
                object = parser.readObject();
            }
            PrivateKeyInfo info;
            if (object instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new IllegalArgumentException("the private key in " + file + " is encrypted; give it unencrypted"
                        + " (for example: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pem),"
                        + " readable only by the emulator's user");
            } else if (object instanceof X509CertificateHolder) {
                throw new IllegalArgumentException("the private key file " + file + " holds a certificate, not a"
                        + " private key: are --cert and --key swapped?");
            } else {
                throw new IllegalArgumentException("the private key file " + file + " holds no PEM private key"
                        + " (-----BEGIN PRIVATE KEY-----, -----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE"
                        + " KEY-----)");
            }
            return toPrivateKey(file, info);
        } catch (IOException e) {
            throw new IllegalArgumentException("the private key file " + file + " cannot be parsed as PEM: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey toPrivateKey(Path file, PrivateKeyInfo info) throws IOException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String name;
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            name = "RSA";
        } else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            name = "EC";
        } else {
            throw new IllegalArgumentException("the private key in " + file + " is of algorithm " + algorithm
                    + "; the emulator serves TLS with an RSA or EC key");
        }
        try {
            return KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + name + " private key in " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Checks that {@code key} signs what the server certificate's public key verifies. */
    private static void checkPair(Path chainFile, X509Certificate server, Path keyFile, PrivateKey key) {
        PublicKey publicKey = server.getPublicKey();
        if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the private key in " + keyFile + " is an " + key.getAlgorithm()
                    + " key, but the server certificate in " + chainFile + " holds an " + publicKey.getAlgorithm()
                    + " key: they do not belong together");
        }
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] probe = CertificateIssuer.randomBytes(32);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key in " + keyFile + " does not belong to the server"
                    + " certificate in " + chainFile + " (" + server.getSubjectX500Principal().getName()
                    + "): a signature made with the key does not verify with the certificate's public key");
        }
    }

    private static String readAscii(Path file, String what) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " file " + file + " cannot be read: " + e, e);
        }
        // PEM is ASCII; ISO-8859-1 decodes any other byte without failing, and the parsers then name the problem
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
