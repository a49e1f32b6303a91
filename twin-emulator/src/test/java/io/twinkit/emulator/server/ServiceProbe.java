package io.twinkit.emulator.server;

import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Talks to a running emulator as a service client does: HTTPS with an iothubowner token, and checks on ports. */
final class ServiceProbe {

    private ServiceProbe() {
    }

    /** A response of the service API: the status and the JSON body ({} when there is none). */
    record Reply(int status, JsonObject body) {
    }

    /** Returns {@code SharedAccessSignature sr=localhost&sig=…&se=…&skn=iothubowner}, valid for an hour. */
    static String ownerToken(String ownerKey) {
        return SharedAccessSignature.create(ownerKey, "localhost", Instant.now().plusSeconds(3600).getEpochSecond(),
                TwinkitEmulator.OWNER_POLICY);
    }

    /** Returns the {@code SharedAccessKey} of a connection string. */
    static String sharedAccessKey(String connectionString) {
        for (String part : connectionString.split(";")) {
            if (part.startsWith("SharedAccessKey=")) {
                return part.substring("SharedAccessKey=".length());
            }
        }
        throw new AssertionError("no SharedAccessKey in " + connectionString);
    }

    /** Sends {@code GET /twins/{deviceId}} to {@code https://localhost:port}, verifying the host name. */
    static Reply getTwin(SSLContext trust, int port, String deviceId, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/twins/" + deviceId + "?api-version=2021-04-12"))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = client(trust).send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Reply(response.statusCode(),
                body.isEmpty() ? JsonObject.empty() : JsonValue.parseObject(body));
    }

    /** Sends {@code POST /devices/query} with {@code sql} and returns the status and the body, a JSON array on 200. */
    static HttpResponse<String> query(SSLContext trust, int port, String sql, String authorization)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/devices/query?api-version=2021-04-12"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(JsonObject.of("query", JsonString.of(sql)).toString()))
                .build();
        return client(trust).send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Returns an HTTP/1.1 client that trusts {@code trust} and verifies host names. */
    private static HttpClient client(SSLContext trust) {
        return HttpClient.newBuilder()
                .sslContext(trust)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Completes a TLS handshake with 127.0.0.1:{@code port}, verifying the certificate and the host name as the
     * device SDK does, and returns the certificate the server presented.
     */
    static Certificate tlsHandshake(SSLContext trust, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    /** Returns whether a listener can bind 127.0.0.1:{@code port}, that is, nothing listens there any more. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
