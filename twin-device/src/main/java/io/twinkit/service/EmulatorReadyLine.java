package io.twinkit.service;

import io.twinkit.core.TwinJsonException;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a client needs from the twinkit emulator's ready announcement ({@code TWINKIT-EMULATOR-READY {json}}): the
 * service connection string and the CA certificates read from {@code caCertificateFile}. Read here, from the JSON, so
 * that the client needs no compile dependency on the emulator.
 */
final class EmulatorReadyLine {

    static final String PREFIX = "TWINKIT-EMULATOR-READY";

    private final ServiceConnectionString connectionString;
    private final List<X509Certificate> caCertificates;

    private EmulatorReadyLine(ServiceConnectionString connectionString, List<X509Certificate> caCertificates) {
        this.connectionString = connectionString;
        this.caCertificates = List.copyOf(caCertificates);
    }

    /**
     * Parses the ready line, or just its JSON, and loads the CA file it names.
     *
     * @throws IllegalArgumentException if the text is not such a line, a member is missing or not a string, the
     *     connection string is malformed, or the CA file holds no X.509 certificate
     * @throws UncheckedIOException if the CA file cannot be read
     */
    static EmulatorReadyLine parse(String readyLineOrJson) {
        Objects.requireNonNull(readyLineOrJson, "readyLineOrJson");
        String json = readyLineOrJson.strip();
        if (json.startsWith(PREFIX)) {
            json = json.substring(PREFIX.length()).strip();
        }
        JsonObject info;
        try {
            info = TwinJson.standard().readObject(json);
        } catch (TwinJsonException e) {
            throw new IllegalArgumentException("not an emulator ready line ('" + PREFIX + " {json}') nor its JSON: "
                    + e.getMessage(), e);
        }
        ServiceConnectionString connectionString =
                ServiceConnectionString.parse(member(info, "serviceConnectionString"));
        Path caFile = Path.of(member(info, "caCertificateFile"));
        return new EmulatorReadyLine(connectionString, readCertificates(caFile));
    }

    private static String member(JsonObject info, String name) {
        JsonValue value = info.valueOrNull(name);
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw new IllegalArgumentException("the emulator ready line has no string member '" + name + "'"
                + (value == null ? "" : " (found " + value + ")"));
    }

    private static List<X509Certificate> readCertificates(Path file) {
        Collection<? extends Certificate> read;
        try (InputStream in = Files.newInputStream(file)) {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator's CA certificate file " + file, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the emulator's CA certificate file " + file
                    + " holds no readable X.509 PEM certificate: " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the emulator's CA certificate file " + file
                    + " holds no X.509 certificate");
        }
        return certificates;
    }

    ServiceConnectionString connectionString() {
        return connectionString;
    }

    List<X509Certificate> caCertificates() {
        return caCertificates;
    }
}
