package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /devices/query}: the page headers, bare array bodies, item types and query errors. */
class QueryApiTest {

    private static final String QUERY = "/devices/query?api-version=2021-04-12";

    private final IotHub hub = IotHub.create();
    private final EmbeddedService service = new EmbeddedService(hub, (authorization, right, target) -> { });

    QueryApiTest() {
        for (int i = 1; i <= 5; i++) {
            hub.registry().createDevice(DeviceId.of("q" + i));
            hub.twins().update(TwinKey.device("q" + i), JsonValue.parseObject(
                    "{\"tags\":{\"site\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"}}"), null);
        }
    }

    @AfterEach
    void close() {
        service.close();
        hub.close();
    }

    @Test
    void pagesFollowTheContinuationHeaderWithTheSameQueryBody() {
        String body = body("SELECT * FROM devices");
        List<String> ids = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String continuation = null;
        do {
            Map<String, String> headers = new HashMap<>(Map.of("x-ms-max-item-count", "2"));
            if (continuation != null) {
                headers.put("x-ms-continuation", continuation);
            }
            WireResponse page = service.request("POST", QUERY, headers, body);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers().get("x-ms-item-type")).isEqualTo("twin");
            JsonArray items = page.json().asArray();
            sizes.add(items.size());
            for (JsonValue item : items) {
                JsonObject twin = item.asObject();
                assertThat(twin.keys()).contains("etag", "properties", "tags");
                ids.add(twin.get("deviceId").orElseThrow().asString());
            }
            continuation = page.headers().get("x-ms-continuation");
        } while (continuation != null);
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(ids).containsExactly("q1", "q2", "q3", "q4", "q5");
    }

    @Test
    void withoutAPageSizeTheHubsDefaultPageHoldsEverythingAndHasNoContinuation() {
        WireResponse page = service.request("POST", QUERY, Map.of(),
                body("SELECT * FROM devices WHERE tags.site = 'even'"));
        assertThat(page.json().asArray().size()).isEqualTo(2);
        assertThat(page.headers().contains("x-ms-continuation")).isFalse();
    }

    @Test
    void projectionsAndAggregatesAreRawRows() {
        WireResponse projection = service.request("POST", QUERY, Map.of(),
                body("SELECT deviceId, tags.site FROM devices WHERE deviceId = 'q2'"));
        assertThat(projection.headers().get("x-ms-item-type")).isEqualTo("raw");
        assertThat(projection.json()).isEqualTo(JsonValue.parse("[{\"deviceId\":\"q2\",\"site\":\"even\"}]"));
        WireResponse count = service.request("POST", QUERY, Map.of(), body("SELECT COUNT() AS n FROM devices"));
        assertThat(count.json()).isEqualTo(JsonValue.parse("[{\"n\":5}]"));
    }

    @Test
    void aQueryThatMatchesNothingIsAnEmptyArray() {
        WireResponse page = service.request("POST", QUERY, Map.of("x-ms-max-item-count", "2"),
                body("SELECT * FROM devices WHERE tags.site = 'none'"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("[]");
    }

    @Test
    void aHeaderPageSizeBelowOneAsksForPagesOfOne() {
        for (String size : new String[] {"0", "-5", " -2147483648 "}) {
            WireResponse page = service.request("POST", QUERY, Map.of("x-ms-max-item-count", size),
                    body("SELECT * FROM devices"));
            assertThat(page.status()).as(size).isEqualTo(200);
            assertThat(page.json().asArray().size()).as(size).isEqualTo(1);
            assertThat(page.headers().get("x-ms-continuation")).as(size).isNotBlank();
        }
    }

    @Test
    void badQueriesAndHeadersAre400004() {
        service.request("POST", QUERY, Map.of(), "{\"sql\":\"SELECT * FROM devices\"}").assertError(400, 400004);
        service.request("POST", QUERY, Map.of(), "{\"query\":5}").assertError(400, 400004);
        service.request("POST", QUERY, Map.of(), body("SELECT FROM WHERE")).assertError(400, 400004);
        service.request("POST", QUERY, Map.of("x-ms-max-item-count", "two"), body("SELECT * FROM devices"))
                .assertError(400, 400004);
        service.request("POST", QUERY, Map.of("x-ms-continuation", "garbage"), body("SELECT * FROM devices"))
                .assertError(400, 400004);
        service.request("POST", QUERY, Map.of(), "{\"query\":").assertError(400, 400006);
    }

    @Test
    void aContinuationIsBoundToItsQueryText() {
        WireResponse first = service.request("POST", QUERY, Map.of("x-ms-max-item-count", "1"),
                body("SELECT * FROM devices"));
        String token = first.headers().get("x-ms-continuation");
        assertThat(token).isNotBlank();
        service.request("POST", QUERY, Map.of("x-ms-continuation", token), body("SELECT deviceId FROM devices"))
                .assertError(400, 400004);
    }

    private static String body(String sql) {
        return JsonObject.of("query", JsonValue.of(sql)).toString();
    }
}
