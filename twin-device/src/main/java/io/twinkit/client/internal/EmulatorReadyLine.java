package io.twinkit.client.internal;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client needs from the twinkit emulator's ready announcement ({@code TWINKIT-EMULATOR-READY {json}}): the
 * service connection string, the host and MQTT ports, the connection strings of the devices it was started with, and
 * the CA certificates, read from the PEM text in {@code caCertificatePem} (so a client in another container needs none
 * of the emulator's files) or, in lines of emulators that do not announce it, from the file {@code caCertificateFile}.
 * Read here, from the JSON, so that the clients need no compile dependency on the emulator. Immutable.
 */
public final class EmulatorReadyLine {

    /** The word the launcher prints before the JSON. */
    public static final String PREFIX = "TWINKIT-EMULATOR-READY";

    private final JsonObject info;
    private final String connectionString;
    private final List<X509Certificate> caCertificates;

    private EmulatorReadyLine(JsonObject info, String connectionString,
            List<X509Certificate> caCertificates) {
        this.info = info;
        this.connectionString = connectionString;
        this.caCertificates = List.copyOf(caCertificates);
    }

    /**
     * Parses the ready line, or just its JSON, with its CA certificates: those of {@code caCertificatePem} when the
     * line has it, else those of the file {@code caCertificateFile} names.
     *
     * @param readyLineOrJson the line as the launcher prints it, or its JSON object
     * @return the announcement
     * @throws IllegalArgumentException if the text is not such a line, a member is missing or not a string, or the CA
     *     PEM text or file holds no X.509 certificate
     * @throws UncheckedIOException if the CA file cannot be read
     */
    public static EmulatorReadyLine parse(String readyLineOrJson) {
        Objects.requireNonNull(readyLineOrJson, "readyLineOrJson");
        String json = readyLineOrJson.strip();
        if (json.startsWith(PREFIX)) {
            json = json.substring(PREFIX.length()).strip();
        }
        JsonObject info;
        try {
            info = JsonValue.parseObject(json);
        } catch (TwinJsonException e) {
            throw new IllegalArgumentException("not an emulator ready line ('" + PREFIX + " {json}') nor its JSON: "
                    + e.getMessage(), e);
        }
        String connectionString = string(info, "serviceConnectionString");
        JsonValue pem = info.valueOrNull("caCertificatePem");
        if (pem != null) {
            if (!(pem instanceof JsonString text)) {
                throw new IllegalArgumentException("the emulator ready line's member 'caCertificatePem' is not a"
                        + " string (found " + pem + ")");
            }
            return new EmulatorReadyLine(info, connectionString, readCertificates(
                    new ByteArrayInputStream(text.value().getBytes(StandardCharsets.US_ASCII)),
                    "the emulator ready line's caCertificatePem"));
        }
        Path caFile = Path.of(string(info, "caCertificateFile"));
        return new EmulatorReadyLine(info, connectionString, readCertificates(caFile));
    }

    /**
     * Returns the announced {@code iothubowner} service connection string, as announced; the back-end client's
     * builder parses it.
     */
    public String connectionString() {
        return connectionString;
    }

    /** Returns the emulator's CA certificates, at least one. */
    public List<X509Certificate> caCertificates() {
        return caCertificates;
    }

    /**
     * Returns the port of MQTT over TLS.
     *
     * @throws IllegalArgumentException if the line has no integer {@code mqttPort}
     */
    public int mqttPort() {
        return port("mqttPort");
    }

    /**
     * Returns the port of MQTT over WebSocket.
     *
     * @throws IllegalArgumentException if the line has no integer {@code mqttWsPort}
     */
    public int mqttWsPort() {
        return port("mqttWsPort");
    }

    /**
     * Returns the host and port of the emulator's MQTT over WebSocket, {@code <hostName>:<mqttWsPort>}: the announced
     * service host ({@code hostName}: an own loopback address or host name the emulator was started with), or
     * {@code localhost} in a line without it.
     *
     * @throws IllegalArgumentException if the line has no integer {@code mqttWsPort}
     */
    public String mqttWebSocketTarget() {
        JsonValue host = info.valueOrNull("hostName");
        return (host instanceof JsonString name && !name.value().isEmpty() ? name.value() : "localhost") + ":"
                + mqttWsPort();
    }

    /**
     * Returns the connection string of a device the emulator announced in {@code devices}.
     *
     * @param deviceId the device
     * @return its connection string
     * @throws IllegalArgumentException if the line names no such device
     */
    public String deviceConnectionString(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        JsonValue devices = info.valueOrNull("devices");
        JsonValue device = devices instanceof JsonObject all ? all.valueOrNull(deviceId) : null;
        if (device instanceof JsonString string) {
            return string.value();
        }
        throw new IllegalArgumentException("the emulator ready line announces no device '" + deviceId
                + "'; it announces " + (devices instanceof JsonObject all ? all.keys() : "no devices")
                + " (start the emulator with that device, or create it and pass its connection string)");
    }

    /**
     * Returns a TLS context that trusts exactly the emulator's CA certificates.
     *
     * @throws IllegalStateException if the JVM cannot build such a context
     */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < caCertificates.size(); i++) {
                store.setCertificateEntry("twinkit-emulator-ca-" + i, caCertificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context trusting the emulator's CA: " + e.getMessage(),
                    e);
        }
    }

    private int port(String name) {
        JsonValue value = info.valueOrNull(name);
        if (value instanceof JsonNumber number && number.isIntegral() && number.longValue() > 0
                && number.longValue() <= 65535) {
            return (int) number.longValue();
        }
        throw new IllegalArgumentException("the emulator ready line has no port member '" + name + "'"
                + (value == null ? "" : " (found " + value + ")"));
    }

    private static String string(JsonObject info, String name) {
        JsonValue value = info.valueOrNull(name);
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw new IllegalArgumentException("the emulator ready line has no string member '" + name + "'"
                + (value == null ? "" : " (found " + value + ")"));
    }

    private static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readCertificates(in, "the emulator's CA certificate file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator's CA certificate file " + file, e);
        }
    }

    /** Reads the certificates of {@code in}; {@code source} names it in errors. */
    private static List<X509Certificate> readCertificates(InputStream in, String source) {
        Collection<? extends Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + " holds no readable X.509 PEM certificate: "
                    + e.getMessage(), e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : read) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no X.509 certificate");
        }
        return certificates;
    }
}
