package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests the HTTP layer must refuse with the service's error bodies: malformed requests, bodies over the limit,
 * unknown resources and methods, and a failure inside the hub, which must not leak details.
 */
class HostileRequestTest {

    private static final int LIMIT = 1024;

    private final IotHub hub = IotHub.create();
    private final EmbeddedService service = new EmbeddedService(hub, (authorization, right, target) -> { }, LIMIT);
    private final TwinKey d1 = TwinKey.device("d1");
    private final TwinDocument before;

    HostileRequestTest() {
        hub.registry().createDevice(DeviceId.of("d1"));
        before = hub.twins().get(d1);
    }

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    @Test
    void aMalformedRequestLineIs400AndClosesTheConnection() {
        List<WireResponse> responses = service.raw("THIS IS NOT HTTP\r\n\r\n");
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).assertError(400, 400)).startsWith("malformed HTTP request");
        assertThat(responses.get(0).headers().get("Connection")).isEqualTo("close");
        assertThat(service.isOpen()).isFalse();
    }

    @Test
    void aMalformedHeaderIs400() {
        List<WireResponse> responses = service.raw("GET /twins/d1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        assertThat(responses).hasSize(1);
        responses.get(0).assertError(400, 400);
        assertThat(service.isOpen()).isFalse();
    }

    @Test
    void anOverlongRequestLineIs400() {
        String target = "/twins/" + "a".repeat(ServiceChannelInitializer.MAX_INITIAL_LINE + 10);
        List<WireResponse> responses = service.raw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(responses).hasSize(1);
        responses.get(0).assertError(400, 400);
    }

    @Test
    void aBodyOverTheLimitIs413001ChangesNothingAndTheConnectionServesTheNextRequest() {
        String big = "{\"tags\":{\"a\":\"" + "x".repeat(LIMIT) + "\"}}";
        String twoRequests = WireRequests.format("PATCH", "/twins/d1", Map.of(), big)
                + WireRequests.format("GET", "/twins/d1", Map.of(), null);
        List<WireResponse> responses = service.raw(twoRequests);
        assertThat(responses).hasSize(2);
        assertThat(responses.get(0).assertError(413, 413001)).contains(Integer.toString(LIMIT));
        assertThat(responses.get(1).status()).isEqualTo(200);
        assertThat(hub.twins().get(d1)).isEqualTo(before);
        assertThat(service.isOpen()).isTrue();
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413001AndClosesTheConnection() {
        String chunk = "x".repeat(600);
        String request = "PATCH /twins/d1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        List<WireResponse> responses = service.raw(request);
        assertThat(responses).hasSize(1);
        responses.get(0).assertError(413, 413001);
        assertThat(service.isOpen()).isFalse();
        assertThat(hub.twins().get(d1)).isEqualTo(before);
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueIs413001WithoutContinue() {
        List<WireResponse> responses = service.raw("PUT /twins/d1 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n");
        assertThat(responses).hasSize(1);
        responses.get(0).assertError(413, 413001);
        assertThat(hub.twins().get(d1)).isEqualTo(before);
    }

    @Test
    void theDefaultLimitIs256KiB() {
        try (EmbeddedService standard = new EmbeddedService(hub, (authorization, right, target) -> { })) {
            String body = "{\"tags\":{\"a\":\"" + "x".repeat(256 * 1024) + "\"}}";
            standard.request("PATCH", "/twins/d1", Map.of(), body).assertError(413, 413001);
            String underLimit = "{\"tags\":{\"a\":\"" + "x".repeat(200 * 1024) + "\"}}";
            // under the HTTP limit, the twin's own 32 KB limit applies
            standard.request("PATCH", "/twins/d1", Map.of(), underLimit).assertError(400, 400004);
        }
        assertThat(hub.twins().get(d1)).isEqualTo(before);
    }

    @Test
    void unknownPathsAre404AndUnsupportedMethods405() {
        // the import and export jobs of /jobs (v1) are not served; the scheduled jobs of /jobs/v2 are
        assertThat(service.request("GET", "/jobs/create", Map.of(), null).assertError(404, 404))
                .contains("/jobs/create").contains("GET /jobs/v2/query");
        service.request("DELETE", "/twins/d1", Map.of(), null).assertError(405, 405);
        assertThat(service.isOpen()).isTrue();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String requests = WireRequests.format("GET", "/twins/nobody", Map.of(), null)
                + WireRequests.format("PATCH", "/twins/d1", Map.of(), "{\"tags\":{\"n\":1}}")
                + WireRequests.format("GET", "/twins/d1", Map.of(), null);
        List<WireResponse> responses = service.raw(requests.getBytes(StandardCharsets.UTF_8));
        assertThat(responses).extracting(WireResponse::status).containsExactly(404, 200, 200);
        assertThat(responses.get(2).object().get("tags").orElseThrow().asObject().keys()).containsExactly("n");
    }

    @Test
    void aFailureInsideTheHubIs500001WithoutDetails() {
        hub.close();
        WireResponse response = service.request("GET", "/twins/d1", Map.of(), null);
        String message = response.assertError(500, 500001);
        assertThat(message).doesNotContain("IllegalStateException").doesNotContain("closed")
                .contains(response.trackingId());
        assertThat(service.isOpen()).isTrue();
    }

    @Test
    void connectionCloseIsHonoured() {
        List<WireResponse> responses = service.raw(WireRequests.format("GET", "/twins/d1",
                Map.of("Connection", "close"), null));
        assertThat(responses).hasSize(1);
        assertThat(responses.get(0).status()).isEqualTo(200);
        assertThat(service.isOpen()).isFalse();
    }
}
