package io.twinkit.reliability.support;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.service.TwinServiceClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client needs to reach an emulator, in-process or in a child process: its announcement
 * ({@link TwinkitEmulator#readyInfo()}: ports, connection strings, trust store) and a TLS context trusting its CA.
 *
 * @param readyInfo the emulator's ready announcement, as JSON
 * @param clientTls a client TLS context that trusts the emulator's CA and nothing else
 */
public record EmulatorEndpoint(JsonObject readyInfo, SSLContext clientTls) {

    /** Creates an endpoint. */
    public EmulatorEndpoint {
        Objects.requireNonNull(readyInfo, "readyInfo");
        Objects.requireNonNull(clientTls, "clientTls");
    }

    /** Returns the endpoint of an emulator running in this JVM. */
    public static EmulatorEndpoint of(TwinkitEmulator emulator) {
        return new EmulatorEndpoint(emulator.readyInfo(), emulator.clientSslContext());
    }

    /**
     * Returns the endpoint a command-line emulator announced with {@code line}
     * ({@value EmulatorCommand#READY_PREFIX}{json}), trusting the trust store file it names.
     *
     * @throws IllegalArgumentException if the line is no ready line
     */
    public static EmulatorEndpoint fromReadyLine(String line) {
        if (!line.startsWith(EmulatorCommand.READY_PREFIX)) {
            throw new IllegalArgumentException("not a ready line: " + line);
        }
        JsonObject info = JsonValue.parseObject(line.substring(EmulatorCommand.READY_PREFIX.length()));
        return new EmulatorEndpoint(info, trusting(Path.of(text(info, "trustStoreFile")),
                text(info, "trustStorePassword")));
    }

    private static SSLContext trusting(Path trustStore, String password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trust store " + trustStore, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the emulator's CA from " + trustStore, e);
        }
    }

    /** Returns the port of the HTTPS service API. */
    public int httpsPort() {
        return number(readyInfo, "httpsPort");
    }

    /** Returns the port of MQTT over TLS. */
    public int mqttPort() {
        return number(readyInfo, "mqttPort");
    }

    /** Returns the port of MQTT over secure WebSocket. */
    public int mqttWsPort() {
        return number(readyInfo, "mqttWsPort");
    }

    /** Returns the {@code iothubowner} service connection string. */
    public String serviceConnectionString() {
        return text(readyInfo, "serviceConnectionString");
    }

    /**
     * Returns the primary key of a device the emulator was started with.
     *
     * @throws IllegalArgumentException if the announcement has no connection string for it
     */
    public String deviceKey(String deviceId) {
        for (String part : deviceConnectionString(deviceId).split(";")) {
            if (part.startsWith("SharedAccessKey=")) {
                return part.substring("SharedAccessKey=".length());
            }
        }
        throw new IllegalArgumentException("the connection string of " + deviceId + " has no SharedAccessKey");
    }

    /**
     * Returns the connection string of a device the emulator was started with.
     *
     * @throws IllegalArgumentException if the announcement has none for it
     */
    public String deviceConnectionString(String deviceId) {
        JsonValue devices = readyInfo.valueOrNull("devices");
        JsonValue connection = devices instanceof JsonObject map ? map.valueOrNull(deviceId) : null;
        if (connection == null) {
            throw new IllegalArgumentException("the emulator announced no connection string for " + deviceId);
        }
        return connection.asString();
    }

    /** Returns a back-end client of this emulator, built from its announcement. */
    public TwinServiceClient serviceClient() {
        return TwinServiceClient.builder().emulatorReadyLine(readyInfo.toString()).build();
    }

    private static String text(JsonObject info, String name) {
        return Objects.requireNonNull(info.valueOrNull(name), name).asString();
    }

    private static int number(JsonObject info, String name) {
        return (int) Objects.requireNonNull(info.valueOrNull(name), name).asNumber().longValue();
    }
}
