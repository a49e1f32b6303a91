package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AzureSasCredential;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubBadFormatException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubPreconditionFailedException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyRequestsException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubUnauthorizedException;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.ThrottlingTier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS errors in the shape IoT Hub gives twin and registry errors, over real TLS on a free port: the raw body
 * ({@code {"Message":"ErrorCode:<name>;<text>","ExceptionMessage":"Tracking ID:…-TimeStamp:…"}}) and the
 * {@code iothub-errorcode} header, and the typed exceptions the Java service SDK raises from them. The Java SDK
 * parses no name from this shape and keeps the HTTP status as its error code, as it does against the real hub;
 * the message carries the name.
 */
class ServiceErrorShapeTest {

    private static final String API = "?api-version=2021-04-12";

    private SdkEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void anUnknownDeviceIsDeviceNotFound() throws Exception {
        emulator = SdkEmulator.start();
        TwinClient twins = new TwinClient(emulator.host(), emulator.ownerCredential());
        assertThatThrownBy(() -> twins.get("ghost")).isInstanceOfSatisfying(IotHubNotFoundException.class,
                e -> assertNamed(e, 404, "DeviceNotFound", "ghost"));
        assertThat(raw("GET", "/twins/ghost", null, emulator.ownerToken()).assertError(404, 404001))
                .contains("ghost");
    }

    @Test
    void aStaleEtagIsPreconditionFailed() throws Exception {
        emulator = SdkEmulator.start();
        emulator.hub().registry().createDevice(DeviceId.of("d1"));
        TwinClient twins = new TwinClient(emulator.host(), emulator.ownerCredential());
        Twin twin = twins.get("d1");
        twin.getTags().put("a", 1);
        assertThatThrownBy(() -> twins.patch(twin, "\"AAAAAAAAAAk=\"")).isInstanceOfSatisfying(
                IotHubPreconditionFailedException.class, e -> assertNamed(e, 412, "PreconditionFailed", "etag"));
        WireResponse response = raw("PATCH", "/twins/d1", "{\"tags\":{\"a\":1}}", emulator.ownerToken(),
                Map.of("If-Match", "\"AAAAAAAAAAk=\""));
        response.assertError(412, 412001);
    }

    @Test
    void badBodiesAndQueriesAreBadFormatWithTheirNames() throws Exception {
        emulator = SdkEmulator.start();
        emulator.hub().registry().createDevice(DeviceId.of("d1"));
        QueryClient queries = new QueryClient(emulator.host(), emulator.ownerCredential());
        assertThatThrownBy(() -> queries.queryRaw("SELECT * FROM nowhere")).isInstanceOfSatisfying(
                IotHubBadFormatException.class, e -> assertNamed(e, 400, "ArgumentInvalid", "nowhere"));
        raw("PATCH", "/twins/d1", "{\"tags\":", emulator.ownerToken()).assertError(400, 400006);
        raw("PATCH", "/twins/d1", "{\"tags\":{\"a b\":1}}", emulator.ownerToken()).assertError(400, 400004);
    }

    @Test
    void aWrongKeyIsIotHubUnauthorizedAccess() throws Exception {
        emulator = SdkEmulator.start();
        String forged = SharedAccessSignature.create(SharedAccessPolicy.newKey(), "localhost",
                Instant.now().getEpochSecond() + 3600, "iothubowner");
        TwinClient twins = new TwinClient(emulator.host(), new AzureSasCredential(forged));
        assertThatThrownBy(() -> twins.get("d1")).isInstanceOfSatisfying(IotHubUnauthorizedException.class,
                e -> assertNamed(e, 401, "IotHubUnauthorizedAccess", ""));
        raw("GET", "/twins/d1", null, forged).assertError(401, 401002);
    }

    @Test
    void aThrottledHubAnswersThrottlingException() throws Exception {
        // a clock that stands still refills no tokens: S1 allows 20 queries, the 21st is throttled
        emulator = SdkEmulator.start(HubOptions.builder().clock(Clock.fixed(Instant.now(), ZoneOffset.UTC))
                .throttling(ThrottlingTier.S1, 1).build());
        QueryClient queries = new QueryClient(emulator.host(), emulator.ownerCredential());
        for (int i = 0; i < 20; i++) {
            queries.queryRaw("SELECT COUNT() AS n FROM devices");
        }
        assertThatThrownBy(() -> queries.queryRaw("SELECT COUNT() AS n FROM devices")).isInstanceOfSatisfying(
                IotHubTooManyRequestsException.class, e -> assertNamed(e, 429, "ThrottlingException", ""));
        raw("POST", "/devices/query", "{\"query\":\"SELECT * FROM devices\"}", emulator.ownerToken())
                .assertError(429, 429001);
    }

    private static void assertNamed(IotHubException error, int status, String name, String text) {
        assertThat(error.getErrorCode()).isEqualTo(status);
        assertThat(error.getMessage()).startsWith("ErrorCode:" + name + ";").contains(text)
                .containsPattern(" Tracking ID:[0-9a-f]{32}-G:0-TimeStamp:");
    }

    private WireResponse raw(String method, String path, String body, String token) throws Exception {
        return raw(method, path, body, token, Map.of());
    }

    private WireResponse raw(String method, String path, String body, String token, Map<String, String> extra)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Authorization", token);
        try (RawTlsClient client = emulator.rawClient()) {
            return client.send(WireRequests.format(method, path + API, headers, body)).readOne();
        }
    }
}
