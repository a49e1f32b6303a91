package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.twinkit.core.Capabilities;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The configuration routes of the service API over real TLS on a free loopback port, as raw HTTPS: the exact REST
 * shapes, the rights each route needs, and hostile input, which gets a clear 4xx and changes nothing.
 */
@Timeout(60)
class ConfigurationApiTest {

    private static final String API = "?api-version=2021-04-12";
    private static final String DEVICE_CONFIGURATION = "{\"id\":\"cfg1\",\"schemaVersion\":\"1.0\",\"content\":"
            + "{\"deviceContent\":{\"properties.desired.chiller-water\":{\"temperature\":66,\"pressure\":28.02}}},"
            + "\"targetCondition\":\"tags.building = '43'\",\"priority\":20,"
            + "\"metrics\":{\"queries\":{\"pending\":\"SELECT deviceId FROM devices WHERE"
            + " properties.reported.status = 'pending'\"}}}";

    private final SdkEmulator emulator = SdkEmulator.start(HubOptions.builder()
            .configurationApplyDelay(Duration.ZERO).build());
    private final IotHub hub = emulator.hub();
    private final HttpClient client = HttpClient.newBuilder()
            .sslContext(SdkEmulator.certificates().clientSslContext())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @AfterEach
    void close() {
        emulator.close();
    }

    private WireResponse send(String method, String path, @Nullable String body, String... headers)
            throws Exception {
        return sendAs(emulator.ownerToken(), method, path, body, headers);
    }

    private WireResponse sendAs(String authorization, String method, String path, @Nullable String body,
                                String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + emulator.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json; charset=utf-8");
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpHeaders copy = new DefaultHttpHeaders();
        response.headers().map().forEach(copy::add);
        return new WireResponse(response.statusCode(), copy, response.body());
    }

    private String token(String policy) {
        return SdkEmulator.policyToken(hub, policy, Instant.now().getEpochSecond() + 3600);
    }

    @Test
    void createGetUpdateListAndDeleteInTheServicesShapes() throws Exception {
        WireResponse created = send("PUT", "/configurations/cfg1" + API, DEVICE_CONFIGURATION);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().get("ETag")).isEqualTo("\"MQ==\"");
        JsonObject json = created.object();
        assertThat(json.keys()).containsExactly("id", "schemaVersion", "labels", "content", "contentType",
                "targetCondition", "createdTimeUtc", "lastUpdatedTimeUtc", "priority", "systemMetrics", "metrics",
                "etag");
        assertThat(json.valueOrNull("labels").isNull()).isTrue();
        assertThat(json.valueOrNull("contentType")).isEqualTo(JsonValue.of("assignment"));
        assertThat(json.valueOrNull("content")).isEqualTo(JsonValue.parse("{\"deviceContent\":"
                + "{\"properties.desired.chiller-water\":{\"temperature\":66,\"pressure\":28.02}}}"));
        assertThat(json.valueOrNull("etag")).isEqualTo(JsonValue.of("MQ=="));
        assertThat(json.valueOrNull("createdTimeUtc").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
        assertThat(json.valueOrNull("systemMetrics")).isEqualTo(JsonValue.parse("{\"results\":{\"targetedCount\":0,"
                + "\"appliedCount\":0},\"queries\":{\"targetedCount\":\"SELECT deviceId FROM devices WHERE"
                + " tags.building = '43'\",\"appliedCount\":\"SELECT deviceId FROM devices WHERE"
                + " configurations.cfg1.status = 'Applied'\"}}"));
        assertThat(json.valueOrNull("metrics").asObject().valueOrNull("results"))
                .isEqualTo(JsonValue.parse("{\"pending\":0}"));

        WireResponse read = send("GET", "/configurations/cfg1" + API, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.object()).isEqualTo(json);
        assertThat(read.headers().get("ETag")).isEqualTo("\"MQ==\"");

        String update = DEVICE_CONFIGURATION.replace("\"priority\":20", "\"priority\":5,\"labels\":{\"a\":\"b\"}")
                .replace("{\"id\":\"cfg1\",", "{\"id\":\"cfg1\",\"etag\":\"\",\"createdTimeUtc\":"
                        + "\"0001-01-01T00:00:00\",\"lastUpdatedTimeUtc\":\"0001-01-01T00:00:00\",");
        assertThat(send("PUT", "/configurations/cfg1" + API, update).status()).as("no If-Match: a second create")
                .isEqualTo(409);
        send("PUT", "/configurations/cfg1" + API, update).assertError(409,
                IotHubErrorCode.CONFIGURATION_ALREADY_EXISTS.code());
        send("PUT", "/configurations/cfg1" + API, update, "If-Match", "\"Mg==\"").assertError(412,
                IotHubErrorCode.PRECONDITION_FAILED.code());
        WireResponse updated = send("PUT", "/configurations/cfg1" + API, update, "If-Match", "\"MQ==\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.object().valueOrNull("priority")).isEqualTo(JsonValue.of(5));
        assertThat(updated.object().valueOrNull("labels")).isEqualTo(JsonValue.parse("{\"a\":\"b\"}"));
        assertThat(updated.object().valueOrNull("createdTimeUtc")).isEqualTo(json.valueOrNull("createdTimeUtc"));
        assertThat(updated.headers().get("ETag")).isEqualTo("\"Mg==\"");

        send("PUT", "/configurations/cfg2" + API, DEVICE_CONFIGURATION.replace("cfg1", "cfg2"));
        WireResponse listed = send("GET", "/configurations" + API, null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(((JsonArray) listed.json()).stream().map(c -> c.asObject().valueOrNull("id").asString()))
                .containsExactly("cfg1", "cfg2");
        assertThat(((JsonArray) send("GET", "/configurations?top=1&api-version=2021-04-12", null).json()).size())
                .isEqualTo(1);
        send("GET", "/configurations?top=0&api-version=2021-04-12", null).assertError(400,
                IotHubErrorCode.ARGUMENT_INVALID.code());
        send("GET", "/configurations?top=x&api-version=2021-04-12", null).assertError(400,
                IotHubErrorCode.ARGUMENT_INVALID.code());

        send("DELETE", "/configurations/cfg1" + API, null, "If-Match", "\"MQ==\"").assertError(412,
                IotHubErrorCode.PRECONDITION_FAILED.code());
        WireResponse deleted = send("DELETE", "/configurations/cfg1" + API, null);
        assertThat(deleted.status()).as("no If-Match, as the Node SDK deletes").isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        send("GET", "/configurations/cfg1" + API, null).assertError(404,
                IotHubErrorCode.CONFIGURATION_NOT_FOUND.code());
        send("DELETE", "/configurations/cfg1" + API, null).assertError(404,
                IotHubErrorCode.CONFIGURATION_NOT_FOUND.code());
    }

    @Test
    void applyingModulesContentAnswers204AndWritesTheModuleTwins() throws Exception {
        hub.registry().createDevice(DeviceIdentity.builder(TwinKey.device("edge-1"))
                .capabilities(new Capabilities(true)).build());
        hub.registry().createDevice(DeviceId.of("plain-1"));
        String modules = "{\"modulesContent\":{\"$edgeAgent\":{\"properties.desired\":{\"schemaVersion\":\"1.1\"}},"
                + "\"$edgeHub\":{\"properties.desired\":{\"schemaVersion\":\"1.1\"}}}}";
        WireResponse applied = send("POST", "/devices/edge-1/applyConfigurationContent" + API, modules);
        assertThat(applied.status()).as(applied.body()).isEqualTo(204);
        assertThat(hub.twins().get(TwinKey.module("edge-1", "$edgeHub")).desired().properties().toJson())
                .isEqualTo(JsonValue.parseObject("{\"schemaVersion\":\"1.1\"}"));

        send("POST", "/devices/plain-1/applyConfigurationContent" + API, modules).assertError(400,
                IotHubErrorCode.ARGUMENT_INVALID.code());
        send("POST", "/devices/edge-1/applyConfigurationContent" + API, "{\"deviceContent\":{"
                + "\"properties.desired.a\":1}}").assertError(400, IotHubErrorCode.INVALID_CONFIGURATION_CONTENT.code());
        send("POST", "/devices/nobody/applyConfigurationContent" + API, modules).assertError(404,
                IotHubErrorCode.DEVICE_NOT_FOUND.code());
        send("POST", "/devices/bad%20id/applyConfigurationContent" + API, modules).assertError(400,
                IotHubErrorCode.ARGUMENT_INVALID.code());
        send("GET", "/devices/edge-1/applyConfigurationContent" + API, null).assertError(405, 405);
    }

    @Test
    void readsNeedRegistryReadAndWritesRegistryWriteFromAHubLevelTokenAsTheRegistryRoutes() throws Exception {
        send("PUT", "/configurations/cfg1" + API, DEVICE_CONFIGURATION);
        hub.registry().createDevice(DeviceIdentity.builder(TwinKey.device("edge-1"))
                .capabilities(new Capabilities(true)).build());
        String registryRead = token("registryRead");
        assertThat(sendAs(registryRead, "GET", "/configurations/cfg1" + API, null).status()).isEqualTo(200);
        assertThat(sendAs(registryRead, "GET", "/configurations" + API, null).status()).isEqualTo(200);
        sendAs(registryRead, "PUT", "/configurations/cfg2" + API, DEVICE_CONFIGURATION.replace("cfg1", "cfg2"))
                .assertError(403, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code());
        assertThat(sendAs(registryRead, "DELETE", "/configurations/cfg1" + API, null)
                .assertError(403, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code())).contains("RegistryWrite");
        sendAs(registryRead, "POST", "/devices/edge-1/applyConfigurationContent" + API, "{}")
                .assertError(403, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code());

        String service = token("service");
        assertThat(sendAs(service, "GET", "/configurations/cfg1" + API, null)
                .assertError(403, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code())).contains("RegistryRead");
        sendAs(token("device"), "GET", "/configurations" + API, null)
                .assertError(403, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code());
        sendAs("", "GET", "/configurations/cfg1" + API, null)
                .assertError(401, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code());
        String deviceScoped = SharedAccessSignature.create(hub.registry().policy("iothubowner").orElseThrow()
                .primaryKey(), "localhost/devices/edge-1", Instant.now().getEpochSecond() + 3600, "iothubowner");
        sendAs(deviceScoped, "GET", "/configurations/cfg1" + API, null)
                .assertError(401, IotHubErrorCode.IOT_HUB_UNAUTHORIZED_ACCESS.code());

        String readWrite = token("registryReadWrite");
        assertThat(sendAs(readWrite, "PUT", "/configurations/cfg2" + API, DEVICE_CONFIGURATION.replace("cfg1", "cfg2"))
                .status()).isEqualTo(201);
        assertThat(sendAs(readWrite, "DELETE", "/configurations/cfg2" + API, null).status()).isEqualTo(204);
        assertThat(hub.configurations().list()).extracting(c -> c.id()).containsExactly("cfg1");
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "PUT    | /configurations/bad | `{\"id\":\"bad\",`                          | 400 | 400006",
        "PUT    | /configurations/bad | `[]`                                        | 400 | 400006",
        "PUT    | /configurations/bad | ``                                          | 400 | 400006",
        "PUT    | /configurations/bad | `{\"id\":\"other\"}`                        | 400 | 400004",
        "PUT    | /configurations/bad | `{\"id\":7}`                                | 400 | 400004",
        "PUT    | /configurations/bad | `{\"priority\":\"high\"}`                   | 400 | 400006",
        "PUT    | /configurations/bad | `{\"priority\":1e300}`                      | 400 | 400006",
        "PUT    | /configurations/bad | `{\"labels\":{\"a\":1}}`                    | 400 | 400006",
        "PUT    | /configurations/bad | `{\"content\":{\"deviceContent\":[1]}}`     | 400 | 400006",
        "PUT    | /configurations/bad | `{\"content\":{\"deviceContent\":{\"tags.x\":1}}}` | 400 | 400402",
        "PUT    | /configurations/bad | `{\"content\":{\"deviceContent\":{\"properties.desired..x\":1}}}` | 400 | 400402",
        "PUT    | /configurations/bad | `{\"targetCondition\":\"tags.x = \"}`       | 400 | 400401",
        "PUT    | /configurations/bad | `{\"targetCondition\":\"SELECT * FROM devices\"}` | 400 | 400401",
        "PUT    | /configurations/bad | `{\"targetCondition\":\"FROM devices.jobs WHERE x = 1\"}` | 400 | 400401",
        "PUT    | /configurations/bad | `{\"metrics\":{\"queries\":{\"m\":\"DROP TABLE devices\"}}}` | 400 | 400404",
        "PUT    | /configurations/bad | `{\"metrics\":{\"queries\":{\"m\":3}}}`     | 400 | 400006",
        "PUT    | /configurations/BAD | `{}`                                        | 400 | 400004",
        "PUT    | /configurations/a%2Fb | `{}`                                      | 400 | 400004",
        "POST   | /configurations/bad | `{}`                                        | 405 | 405",
        "PATCH  | /configurations/bad | `{}`                                        | 405 | 405",
        "DELETE | /configurations     | ``                                          | 405 | 405",
        "GET    | /configurations/a/b | ``                                          | 404 | 404",
    })
    void hostileInputGetsAClear4xxAndChangesNothing(String method, String path, String body, int status,
                                                     int errorCode) throws Exception {
        WireResponse response = send(method.trim(), path.trim() + API, body.isEmpty() ? null : body);
        response.assertError(status, errorCode);
        assertThat(hub.configurations().list()).isEmpty();
    }

    @Test
    void conditionsAndBodiesBuiltToExhaustTheServerAreRefusedAsBadRequests() throws Exception {
        String nested = "(".repeat(400) + "tags.a = 1" + ")".repeat(400);
        send("PUT", "/configurations/deep" + API, "{\"targetCondition\":\"" + nested + "\"}").assertError(400,
                IotHubErrorCode.INVALID_CONFIGURATION_TARGET_CONDITION.code());
        String chain = "tags.a = 1" + " OR tags.a = 1".repeat(700);
        send("PUT", "/configurations/long" + API, "{\"targetCondition\":\"" + chain + "\"}").assertError(400,
                IotHubErrorCode.INVALID_CONFIGURATION_TARGET_CONDITION.code());
        StringBuilder deep = new StringBuilder("{\"content\":{\"deviceContent\":{\"properties.desired.a\":");
        deep.append("{\"b\":".repeat(30)).append(1).append("}".repeat(30)).append("}}}");
        send("PUT", "/configurations/deep-content" + API, deep.toString()).assertError(400,
                IotHubErrorCode.INVALID_CONFIGURATION_CONTENT.code());
        String big = "{\"labels\":{\"x\":\"" + "y".repeat(300 * 1024) + "\"}}";
        send("PUT", "/configurations/big" + API, big).assertError(413, IotHubErrorCode.MESSAGE_TOO_LARGE.code());
        StringBuilder many = new StringBuilder("{\"content\":{\"deviceContent\":{\"properties.desired\":{");
        for (int i = 0; i < 3000; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"").append("v".repeat(10)).append('"');
        }
        send("PUT", "/configurations/too-much" + API, many.append("}}}}").toString()).assertError(400,
                IotHubErrorCode.INVALID_CONFIGURATION_CONTENT.code());
        assertThat(hub.configurations().list()).isEmpty();
        assertThat(send("GET", "/configurations" + API, null).body()).isEqualTo("[]");
    }

    @Test
    void aConfigurationWrittenOverTheWireReachesTheTwinsAndItsMetrics() throws Exception {
        hub.registry().createDevice(DeviceId.of("d1"));
        hub.twins().update(TwinKey.device("d1"), JsonValue.parseObject("{\"tags\":{\"building\":\"43\"}}"), null);
        send("PUT", "/configurations/cfg1" + API, DEVICE_CONFIGURATION);
        assertThat(hub.configurations().awaitApplied(Duration.ofSeconds(10))).isTrue();
        JsonObject twin = JsonValue.parseObject(send("GET", "/twins/d1" + API, null).body());
        assertThat(twin.valueOrNull("configurations")).isEqualTo(JsonValue.parse(
                "{\"cfg1\":{\"status\":\"Applied\"}}"));
        assertThat(twin.valueOrNull("properties").asObject().valueOrNull("desired").asObject()
                .valueOrNull("chiller-water")).isEqualTo(JsonValue.parse("{\"temperature\":66,\"pressure\":28.02}"));
        JsonObject metrics = send("GET", "/configurations/cfg1" + API, null).object();
        assertThat(metrics.valueOrNull("systemMetrics").asObject().valueOrNull("results"))
                .isEqualTo(JsonValue.parse("{\"targetedCount\":1,\"appliedCount\":1}"));
        assertThat(metrics.valueOrNull("metrics").asObject().valueOrNull("results"))
                .isEqualTo(JsonValue.parse("{\"pending\":0}"));
        assertThat(Map.of("queried", JsonValue.parse(send("POST", "/devices/query" + API,
                "{\"query\":\"SELECT deviceId FROM devices WHERE configurations.cfg1.status = 'Applied'\"}").body())))
                .containsEntry("queried", JsonValue.parse("[{\"deviceId\":\"d1\"}]"));
    }
}
