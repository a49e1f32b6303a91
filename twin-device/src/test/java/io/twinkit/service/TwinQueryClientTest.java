package io.twinkit.service;

import io.twinkit.core.error.ServiceException;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.HttpsServiceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Query;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queries over real TLS against two hubs: one that fills every page it is asked for, and one that caps its pages at 3
 * rows (as a hub may serve fewer rows than asked), so that the client's positions inside a hub page are exercised.
 */
@Timeout(60)
class TwinQueryClientTest {

    private static final String FLEET = "SELECT * FROM devices WHERE tags.fleet = true";

    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static TwinQueryClient queries;
    private static TwinQueryClient shortPages;

    @BeforeAll
    static void start() {
        queries = hubWith(HubOptions.defaults());
        shortPages = hubWith(HubOptions.builder().pageSizes(3, 3).build());
    }

    /** Starts a hub with 11 fleet devices (n = 1..11) and one other, and returns a client's queries. */
    private static TwinQueryClient hubWith(HubOptions options) {
        IotHub hub = IotHub.create(options);
        OPEN.add(hub);
        for (int i = 1; i <= 11; i++) {
            hub.registry().createDevice(DeviceId.of(String.format("fleet-%02d", i)));
            hub.twins().update(TwinKey.device(String.format("fleet-%02d", i)),
                    JsonValue.parseObject("{\"tags\":{\"fleet\":true,\"n\":" + i + ",\"kind\":\"k" + (i % 3) + "\"}}"),
                    null);
        }
        hub.registry().createDevice(DeviceId.of("other"));
        EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(null);
        HttpsServiceServer https = HttpsServiceServer.start(hub, certificates,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        OPEN.add(0, https);
        String key = hub.registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        TwinServiceClient client = TwinServiceClient.builder()
                .connectionString("HostName=localhost:" + https.port() + ";SharedAccessKeyName="
                        + TwinkitEmulator.OWNER_POLICY + ";SharedAccessKey=" + key)
                .trustCertificate(certificates.caCertificate()).build();
        OPEN.add(0, client);
        return client.queries();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : OPEN) {
            closeable.close();
        }
    }

    private static List<String> ids(List<TwinDocument> twins) {
        return twins.stream().map(twin -> twin.deviceId().value()).toList();
    }

    private static List<String> fleet(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add(String.format("fleet-%02d", i));
        }
        return ids;
    }

    @Test
    void twinsArePagedLazilyAcrossSeveralPages() {
        assertThat(queries.twins(FLEET, QueryOptions.ofPageSize(2)).map(twin -> twin.deviceId().value()).toList())
                .isEqualTo(fleet(1, 11));
        List<TwinDocument> twins = queries.twins(Query.parse("SELECT * FROM devices WHERE tags.n >= 10"),
                QueryOptions.ofPageSize(1)).toList();
        assertThat(twins).extracting(twin -> twin.tags().getLong("n").orElseThrow()).containsExactly(10L, 11L);
        assertThat(queries.twins(FLEET).limit(3).count()).isEqualTo(3);
    }

    @Test
    void wholeTwinQueriesRefuseProjections() {
        assertThatThrownBy(() -> queries.twins(Query.parse("SELECT deviceId FROM devices")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows(...)");
        assertThatThrownBy(() -> queries.twinPage(Query.parse("SELECT COUNT() AS n FROM devices"),
                QueryOptions.defaults())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rowsAnswerProjectionsCountsAndGroups() {
        assertThat(queries.rows("SELECT deviceId, tags.n FROM devices WHERE tags.n >= 10").toList())
                .containsExactly(JsonValue.parseObject("{\"deviceId\":\"fleet-10\",\"n\":10}"),
                        JsonValue.parseObject("{\"deviceId\":\"fleet-11\",\"n\":11}"));
        assertThat(queries.rows(Query.parse("SELECT COUNT() AS n FROM devices WHERE tags.fleet = true")).toList())
                .containsExactly(JsonValue.parseObject("{\"n\":11}"));
        List<JsonObject> groups = queries.rows("SELECT tags.kind, COUNT() AS n FROM devices WHERE tags.fleet = true "
                + "GROUP BY tags.kind", QueryOptions.ofPageSize(2)).toList();
        assertThat(groups).containsExactlyInAnyOrder(JsonValue.parseObject("{\"kind\":\"k0\",\"n\":3}"),
                JsonValue.parseObject("{\"kind\":\"k1\",\"n\":4}"), JsonValue.parseObject("{\"kind\":\"k2\",\"n\":4}"));
    }

    @Test
    void pagesCarryTheHubsContinuationUntilTheLastPage() {
        QueryOptions options = QueryOptions.ofPageSize(4);
        QueryPage<TwinDocument> first = queries.twinPage(FLEET, options);
        assertThat(ids(first.items())).isEqualTo(fleet(1, 4));
        assertThat(first.hasMore()).isTrue();
        // a hub that fills its pages gets its own token back, untouched
        assertThat(first.continuation().orElseThrow()).doesNotStartWith("~");

        QueryPage<TwinDocument> second = queries.twinPage(FLEET, options.withContinuation(first.continuation().get()));
        assertThat(ids(second.items())).isEqualTo(fleet(5, 8));
        QueryPage<TwinDocument> last = queries.twinPage(FLEET, options.withContinuation(second.continuation().get()));
        assertThat(ids(last.items())).isEqualTo(fleet(9, 11));
        assertThat(last.hasMore()).isFalse();
        assertThat(last.continuation()).isEmpty();
        // the same continuation read twice gives the same page
        assertThat(queries.twinPage(FLEET, options.withContinuation(first.continuation().get()))).isEqualTo(second);
    }

    @Test
    void aStreamResumesAtAPagesContinuation() {
        QueryPage<JsonObject> first = queries.rowPage("SELECT deviceId FROM devices WHERE tags.fleet = true",
                QueryOptions.ofPageSize(5));
        List<String> rest = queries.rows("SELECT deviceId FROM devices WHERE tags.fleet = true",
                QueryOptions.ofPageSize(2).withContinuation(first.continuation().orElseThrow()))
                .map(row -> row.valueOrNull("deviceId").toString()).toList();
        assertThat(rest).hasSize(6).allSatisfy(id -> assertThat(id).contains("fleet-"));
        assertThat(rest.get(0)).contains("fleet-06");
        assertThat(rest.get(5)).contains("fleet-11");
    }

    @Test
    void pagesLargerThanTheHubServesAreFilledAcrossHubPagesAndResumeInsideOne() {
        // the hub serves 3 rows per page; a page of 5 takes 3 + 2, so it ends inside the hub's second page
        QueryOptions options = QueryOptions.ofPageSize(5);
        List<String> seen = new ArrayList<>();
        List<String> continuations = new ArrayList<>();
        QueryPage<TwinDocument> page = shortPages.twinPage(FLEET, options);
        while (true) {
            seen.addAll(ids(page.items()));
            if (!page.hasMore()) {
                break;
            }
            continuations.add(page.continuation().get());
            page = shortPages.twinPage(FLEET, options.withContinuation(page.continuation().get()));
        }
        assertThat(seen).isEqualTo(fleet(1, 11));
        // hub pages [1-3][4-6][7-9][10-11]: the first page ends 2 rows into [4-6], the second 1 row into [10-11]
        assertThat(continuations).hasSize(2);
        assertThat(continuations.get(0)).startsWith("~2~");
        assertThat(continuations.get(1)).startsWith("~1~");
        // a page that ends where a hub page ends hands out the hub's token
        QueryPage<TwinDocument> three = shortPages.twinPage(FLEET, QueryOptions.ofPageSize(3));
        assertThat(three.continuation().orElseThrow()).doesNotStartWith("~");
        assertThat(ids(shortPages.twinPage(FLEET, QueryOptions.ofPageSize(3)
                .withContinuation(three.continuation().get())).items())).isEqualTo(fleet(4, 6));
    }

    @Test
    void badContinuationsAreRefusedClearly() {
        assertThatThrownBy(() -> queries.rowPage(FLEET, QueryOptions.defaults().withContinuation("~x~abc")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("~x~abc");
        assertThatThrownBy(() -> queries.rowPage(FLEET, QueryOptions.defaults().withContinuation("forged-token")))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> queries.rows("SELECT * FROM nowhere").toList())
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    // the SDK keeps only the status; the exact code comes from the name in the hub's message
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
                    assertThat(e.rawErrorCode()).isEqualTo(400004);
                });
    }
}
