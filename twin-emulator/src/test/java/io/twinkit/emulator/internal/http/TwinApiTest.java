package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twin GET, PATCH (also tunnelled through POST) and PUT through the real HTTP pipeline, against a hub. */
class TwinApiTest {

    private static final String API = "?api-version=2021-04-12";

    private final IotHub hub = IotHub.create();
    private final EmbeddedService service = new EmbeddedService(hub, (authorization, right, target) -> { });
    private final TwinKey d1 = TwinKey.device("d1");
    private final TwinKey m1 = TwinKey.module("d1", "m1");

    TwinApiTest() {
        hub.registry().createDevice(DeviceId.of("d1"));
        hub.registry().createModule(DeviceId.of("d1"), ModuleId.of("m1"));
    }

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    @Test
    void getAnswersTheFullTwinJsonWithItsEtag() {
        WireResponse response = service.request("GET", "/twins/d1" + API, Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        TwinDocument twin = hub.twins().get(d1);
        assertThat(response.object()).isEqualTo(JsonValue.parseObject(twin.toJson().toJsonBytes()));
        assertThat(response.object().keys()).contains("deviceId", "etag", "version", "properties", "tags");
        assertThat(response.headers().get("ETag")).isEqualTo("\"" + twin.etag().orElseThrow().value() + "\"");
    }

    @Test
    void theSdksPatchBodyThroughPostWithOverrideTreatsTopLevelNullsAsNotSuppliedAndInnerNullsAsDeletes() {
        hub.twins().update(d1, json("{\"tags\":{\"site\":\"lab\",\"keep\":1},\"properties\":{\"desired\":{\"cfg\":"
                + "{\"mode\":\"eco\",\"old\":true}}}}"), null);
        String body = "{\"deviceId\":null,\"moduleId\":null,\"generationId\":null,\"etag\":null,\"version\":null,"
                + "\"status\":null,\"statusReason\":null,\"statusUpdatedTime\":null,\"connectionState\":null,"
                + "\"lastActivityTime\":null,\"cloudToDeviceMessageCount\":null,\"authenticationType\":null,"
                + "\"x509Thumbprint\":null,\"capabilities\":null,\"deviceScope\":null,\"parentScopes\":null,"
                + "\"modelId\":null,\"tags\":{\"site\":\"lab2\"},\"properties\":{\"desired\":{\"temp\":22,\"cfg\":"
                + "{\"mode\":\"boost\",\"old\":null}},\"reported\":null},\"configurations\":null}";
        WireResponse response = service.request("POST", "/twins/d1" + API,
                Map.of("X-HTTP-Method-Override", "PATCH"), body);
        assertThat(response.status()).isEqualTo(200);
        TwinDocument twin = hub.twins().get(d1);
        assertThat(twin.tags().toJson()).isEqualTo(json("{\"site\":\"lab2\",\"keep\":1}"));
        assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"temp\":22,\"cfg\":{\"mode\":\"boost\"}}"));
        assertThat(twin.desired().version()).hasValue(3);
        assertThat(response.object()).isEqualTo(JsonValue.parseObject(twin.toJson().toJsonBytes()));
    }

    @Test
    void aPlainPatchUpdatesToo() {
        WireResponse response = service.request("PATCH", "/twins/d1", Map.of(),
                "{\"properties\":{\"desired\":{\"a\":1}}}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(hub.twins().get(d1).desired().properties().toJson()).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void aMatchingIfMatchUpdatesAndAStaleOneIs412WithNothingChanged() {
        String etag = hub.twins().get(d1).etag().orElseThrow().value();
        WireResponse first = service.request("POST", "/twins/d1" + API,
                Map.of("X-HTTP-Method-Override", "PATCH", "If-Match", "\"" + etag + "\""),
                "{\"tags\":{\"n\":1}}");
        assertThat(first.status()).isEqualTo(200);
        TwinDocument after = hub.twins().get(d1);

        WireResponse stale = service.request("POST", "/twins/d1" + API,
                Map.of("X-HTTP-Method-Override", "PATCH", "If-Match", etag), "{\"tags\":{\"n\":2}}");
        assertThat(stale.assertError(412, 412001)).contains(etag);
        assertThat(hub.twins().get(d1)).isEqualTo(after);

        WireResponse replaceStale = service.request("PUT", "/twins/d1", Map.of("If-Match", etag),
                "{\"tags\":{\"n\":3}}");
        replaceStale.assertError(412, 412001);
        assertThat(hub.twins().get(d1)).isEqualTo(after);
    }

    @Test
    void putReplacesTagsAndDesiredAndLeavesReported() {
        hub.twins().update(d1, json("{\"tags\":{\"a\":1},\"properties\":{\"desired\":{\"x\":1}}}"), null);
        hub.twins().report(d1, json("{\"r\":1}"), null);
        WireResponse response = service.request("PUT", "/twins/d1" + API, Map.of(),
                "{\"deviceId\":null,\"etag\":null,\"tags\":{\"b\":2},\"properties\":{\"desired\":{\"y\":2},"
                        + "\"reported\":null}}");
        assertThat(response.status()).isEqualTo(200);
        TwinDocument twin = hub.twins().get(d1);
        assertThat(twin.tags().toJson()).isEqualTo(json("{\"b\":2}"));
        assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"y\":2}"));
        assertThat(twin.reported().properties().toJson()).isEqualTo(json("{\"r\":1}"));
        assertThat(response.object().get("tags").orElseThrow()).isEqualTo(json("{\"b\":2}"));
    }

    @Test
    void moduleTwinsAreServedUnderTheirDevice() {
        WireResponse get = service.request("GET", "/twins/d1/modules/m1" + API, Map.of(), null);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.object().get("moduleId").orElseThrow().asString()).isEqualTo("m1");
        WireResponse patch = service.request("POST", "/twins/d1/modules/m1" + API,
                Map.of("X-HTTP-Method-Override", "PATCH"), "{\"properties\":{\"desired\":{\"m\":true}}}");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(hub.twins().get(m1).desired().properties().toJson()).isEqualTo(json("{\"m\":true}"));
        assertThat(hub.twins().get(d1).desired().properties().toJson()).isEqualTo(json("{}"));
    }

    @Test
    void unknownDevicesAndModulesAreTheServicesNotFoundErrors() {
        service.request("GET", "/twins/nobody" + API, Map.of(), null).assertError(404, 404001);
        service.request("GET", "/twins/d1/modules/nothing" + API, Map.of(), null).assertError(404, 404010);
        service.request("PUT", "/twins/nobody", Map.of(), "{\"tags\":{}}").assertError(404, 404001);
    }

    @Test
    void anyApiVersionOrNoneIsAccepted() {
        for (String target : new String[] {"/twins/d1", "/twins/d1?api-version=2018-06-30",
                "/twins/d1?api-version=2099-01-01-preview&x=1"}) {
            assertThat(service.request("GET", target, Map.of(), null).status()).as(target).isEqualTo(200);
        }
    }

    @Test
    void idsInThePathArePercentDecoded() {
        hub.registry().createDevice(DeviceId.of("dev:1@x"));
        WireResponse response = service.request("GET", "/twins/dev%3A1%40x", Map.of(), null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.object().get("deviceId").orElseThrow().asString()).isEqualTo("dev:1@x");
        service.request("GET", "/twins/caf%C3%A9", Map.of(), null).assertError(400, 400004);
    }

    @Test
    void bodiesThatAreNotJsonObjectsAre400006AndChangeNothing() {
        TwinDocument before = hub.twins().get(d1);
        for (String body : new String[] {"{\"tags\":{\"a\":1}", "", "not json", "[1,2]", "{\"a\":1} trailing",
                "{\"tags\":{\"a\":1},\"tags\":{\"b\":2}}"}) {
            service.request("POST", "/twins/d1", Map.of("X-HTTP-Method-Override", "PATCH"), body)
                    .assertError(400, 400006);
            service.request("PUT", "/twins/d1", Map.of(), body).assertError(400, 400006);
        }
        assertThat(hub.twins().get(d1)).isEqualTo(before);
    }

    @Test
    void bodiesThatBreakTheTwinRulesAre400004AndChangeNothing() {
        TwinDocument before = hub.twins().get(d1);
        String message = service.request("PATCH", "/twins/d1", Map.of(), "{\"tags\":[1]}").assertError(400, 400004);
        assertThat(message).contains("tags");
        service.request("PATCH", "/twins/d1", Map.of(), "{\"properties\":{\"desired\":{\"$bad\":1}}}")
                .assertError(400, 400004);
        service.request("PATCH", "/twins/d1", Map.of(), "{\"properties\":{\"reported\":{\"r\":1}}}")
                .assertError(400, 400004);
        assertThat(hub.twins().get(d1)).isEqualTo(before);
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
