package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import io.twinkit.reliability.support.Mutator;
import io.twinkit.reliability.support.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS service API under mutated requests over real TLS connections: request lines, headers and JSON bodies of
 * every operation, mutated byte by byte and token by token (the body length always announced right, so every request
 * is complete). Each gets an answer: a success, or a 4xx error that left every identity and twin as it was; never a
 * 5xx, a hang or a server that stops answering. Tries: {@code reliability.tries}; the seed of each try is in the
 * failure message.
 */
class HttpFrontEndFuzzTest {

    private static final String API = "?api-version=2021-04-12";
    private static final String PROBE_DEVICE = "probe-device-for-liveness";
    private static final List<String> HTTP_TOKENS = List.of("\u0000", "%", "%00", "%2F", "%ZZ", "..", "/", "?", "#",
            "&", "=", "\u00e9", "\ud83d\ude00", " ", "\t", "HTTP/1.1", "GET", "PATCH", "*", "devices", "twins",
            "modules", "query", "api-version=", "\"", "{", "}", "x".repeat(9000));
    /** Methods to try; not HEAD, whose answer has no body a bare response decoder could know to skip. */
    private static final List<String> METHODS = List.of("GET", "PUT", "PATCH", "POST", "DELETE", "OPTIONS",
            "TRACE", "CONNECT", "BREW", "get", "");

    private static TwinkitEmulator emulator;
    private static SSLContext tls;
    private static String token;
    private static final FuzzCounts COUNTS = new FuzzCounts("http");
    private RawTlsClient client;

    /** One request template: method, target and body (null for none). */
    private record Template(String method, String target, String body) {
    }

    private static final List<Template> TEMPLATES = List.of(
            new Template("GET", "/twins/h1" + API, null),
            new Template("PATCH", "/twins/h1" + API, "{\"tags\":{\"t\":\"v\"},\"properties\":{\"desired\":{\"x\":1}}}"),
            new Template("PUT", "/twins/h1" + API, "{\"tags\":{\"a\":{\"b\":[1,2]}},\"properties\":{\"desired\":"
                    + "{\"mode\":\"on\"}}}"),
            new Template("POST", "/devices/query" + API, "{\"query\":\"SELECT * FROM devices WHERE tags.t = 'v'\"}"),
            new Template("GET", "/devices/h1" + API, null),
            new Template("GET", "/twins/h1/modules/m1" + API, null),
            new Template("PUT", "/devices/h3" + API, "{\"deviceId\":\"h3\",\"status\":\"enabled\"}"),
            new Template("DELETE", "/devices/h3" + API, null));

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of("h1")).device(DeviceId.of("h2")).device(DeviceId.of(PROBE_DEVICE)).build());
        emulator.hub().registry().createModule(DeviceId.of("h1"), io.twinkit.core.ModuleId.of("m1"));
        tls = emulator.clientSslContext();
        String key = emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        token = SharedAccessSignature.create(key, "localhost", Instant.now().getEpochSecond() + 24 * 3600,
                TwinkitEmulator.OWNER_POLICY);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    @Test
    void mutatedRequestsAreAnsweredAndRefusedOnesChangeNothing() throws Exception {
        int tries = Settings.integer("reliability.tries.http", Settings.tries());
        long baseSeed = Settings.integer("reliability.seed", 20240601);
        JsonObject state = HubState.of(emulator.hub());
        try (RawTlsClient probe = new RawTlsClient(tls, emulator.httpsPort())) {
            for (int i = 0; i < tries; i++) {
                long seed = baseSeed * 1_000_003L + i;
                byte[] request = request(new Mutator(seed));
                String outcome = send(request, seed);
                JsonObject after = HubState.of(emulator.hub());
                if (!outcome.equals("accepted")) {
                    assertThat(after).as("state after refused request (seed %d): %s", seed, show(request))
                            .isEqualTo(state);
                }
                state = after;
                probe.send(WireRequests.format("GET", "/twins/" + PROBE_DEVICE + API,
                        Map.of("Authorization", token), null));
                assertThat(probe.readOne().status()).as("the server still answers after seed %d", seed)
                        .isEqualTo(200);
                COUNTS.count("requests", outcome);
            }
        } finally {
            closeClient();
        }
    }

    /**
     * Sends one request and classifies the answer. The connection is kept for the next request unless the answer
     * says it closes; a request the server never read (it had closed the connection) gets no answer and changed
     * nothing, which the caller checks like any refusal.
     */
    private String send(byte[] request, long seed) throws IOException {
        if (client == null) {
            client = new RawTlsClient(tls, emulator.httpsPort());
        }
        WireResponse response;
        try {
            client.send(request);
            response = client.readOne();
        } catch (IOException e) {
            assertThat(e.getMessage()).as("seed %d: %s", seed, show(request)).containsAnyOf("closed the connection",
                    "Broken pipe", "Connection reset", "closed");
            closeClient();
            return "closed-without-answer";
        }
        assertThat(response.status()).as("status for seed %d: %s -> %s", seed, show(request), response.body())
                .isBetween(200, 499);
        if ("close".equalsIgnoreCase(response.headers().get("Connection"))) {
            closeClient();
        }
        return response.status() < 300 ? "accepted" : "rejected-" + response.status();
    }

    private void closeClient() throws IOException {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** Returns a request built from a random template with random parts mutated. */
    private static byte[] request(Mutator mutator) {
        Random random = mutator.random();
        Template template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        String method = random.nextInt(8) == 0 ? METHODS.get(random.nextInt(METHODS.size())) : template.method();
        String target = template.target();
        String version = "HTTP/1.1";
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", "localhost"});
        headers.add(new String[] {"Authorization", token});
        byte[] body = template.body() == null ? null : template.body().getBytes(StandardCharsets.UTF_8);
        if (template.method().equals("PATCH")) {
            // the Java service SDK sends its twin PATCH as a POST with an override
            method = random.nextBoolean() ? "PATCH" : "POST";
            headers.add(new String[] {"X-HTTP-Method-Override", "PATCH"});
        }
        if (template.method().equals("DELETE") || random.nextInt(6) == 0) {
            headers.add(new String[] {"If-Match", random.nextBoolean() ? "*" : "\"" + random.nextInt(5) + "\""});
        }
        boolean chunked = false;
        int mutations = 1 + random.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(7)) {
                case 0 -> target = mutator.mutate(target, HTTP_TOKENS);
                case 1 -> method = mutator.mutate(method, HTTP_TOKENS);
                case 2 -> version = random.nextBoolean() ? "HTTP/1.0" : mutator.mutate(version, HTTP_TOKENS);
                case 3 -> {
                    int h = random.nextInt(headers.size());
                    headers.get(h)[1] = oneLine(mutator.mutate(headers.get(h)[1], HTTP_TOKENS));
                }
                case 4 -> headers.add(new String[] {oneLine(mutator.mutate("X-Fuzz", HTTP_TOKENS)),
                        oneLine(mutator.mutate("value", HTTP_TOKENS))});
                case 5 -> chunked = true;
                default -> body = mutator.mutate(body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body,
                        Mutator.JSON_TOKENS);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + oneLine(target) + " " + oneLine(version) + "\r\n");
        for (String[] header : headers) {
            write(out, header[0] + ": " + header[1] + "\r\n");
        }
        if (body != null) {
            write(out, "Content-Type: application/json\r\n");
            if (chunked) {
                write(out, "Transfer-Encoding: chunked\r\n\r\n");
                write(out, Integer.toHexString(body.length) + "\r\n");
                out.writeBytes(body);
                write(out, "\r\n0\r\n\r\n");
                return out.toByteArray();
            }
            write(out, "Content-Length: " + body.length + "\r\n");
        }
        write(out, "\r\n");
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Keeps a mutated header value or request-line part on its line, so that the framing stays intact. */
    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String show(byte[] request) {
        String text = new String(request, StandardCharsets.UTF_8);
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }
}
