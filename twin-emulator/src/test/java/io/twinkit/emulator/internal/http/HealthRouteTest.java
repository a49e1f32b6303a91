package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /twinkit/health}: answered without credentials (200 with the hub's name and the uptime, the same headers
 * without a body for HEAD, 503 once the server is closing, 405 for other methods), while every other route, the
 * health path's neighbours included, still answers 401 without a token. Real TLS on a free loopback port.
 */
@Timeout(30)
class HealthRouteTest {

    private final IotHub hub = IotHub.create(HubOptions.builder().hubName("health-hub").build());
    private final HttpClient client = HttpClient.newBuilder().sslContext(SdkEmulator.certificates().clientSslContext())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private HttpsServiceServer server;

    @BeforeEach
    void start() {
        hub.registry().createDevice(DeviceId.of("health-dev"));
        server = HttpsServiceServer.start(hub, SdkEmulator.certificates(),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() {
        server.close();
        hub.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getAnswersOkWithTheHubNameAndUptimeWithoutCredentials() throws Exception {
        HttpResponse<String> response = send("GET", "/twinkit/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonObject body = JsonValue.parseObject(response.body());
        assertThat(body.keys()).containsExactly("status", "hubName", "uptimeSeconds");
        assertThat(body.get("status")).contains(JsonString.of("ok"));
        assertThat(body.get("hubName")).contains(JsonString.of("health-hub"));
        assertThat(((JsonNumber) body.get("uptimeSeconds").orElseThrow()).longValue()).isBetween(0L, 30L);
        assertThat(response.body()).doesNotContain("health-dev").doesNotContainIgnoringCase("key");
        assertThat(send("GET", "/twinkit/health?probe=docker").statusCode()).isEqualTo(200);
    }

    @Test
    void headAnswersTheSameHeadersWithoutABody() throws Exception {
        HttpResponse<String> get = send("GET", "/twinkit/health");
        HttpResponse<String> head = send("HEAD", "/twinkit/health");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(head.headers().firstValueAsLong("Content-Length"))
                .hasValue(get.headers().firstValueAsLong("Content-Length").orElseThrow());
    }

    @Test
    void otherMethodsAre405NamingTheAllowedOnes() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            HttpResponse<String> response = send(method, "/twinkit/health");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
            assertThat(response.headers().firstValue("iothub-errorcode")).hasValue("MethodNotAllowed");
        }
    }

    @Test
    void everyOtherRouteStillNeedsAToken() throws Exception {
        for (String path : new String[] {"/twins/health-dev", "/twinkit/health/x", "/twinkit/healthz",
                "/twinkit/telemetry", "/devices/health-dev", "/TWINKIT/HEALTH", "/twinkit//health"}) {
            HttpResponse<String> response = send("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("iothub-errorcode")).as(path)
                    .hasValue("IotHubUnauthorizedAccess");
        }
    }

    @Test
    void aClosingServerAnswers503Closing() throws Exception {
        assertThat(send("GET", "/twinkit/health").statusCode()).isEqualTo(200);
        server.markClosing();
        HttpResponse<String> response = send("GET", "/twinkit/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JsonValue.parseObject(response.body())).isEqualTo(JsonObject.of("status",
                JsonString.of("closing")));
        assertThat(send("HEAD", "/twinkit/health").statusCode()).isEqualTo(503);
        assertThat(send("GET", "/twins/health-dev").statusCode()).as("the other routes are served as before")
                .isEqualTo(401);
    }
}
