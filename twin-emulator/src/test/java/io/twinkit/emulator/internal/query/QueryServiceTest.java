package io.twinkit.emulator.internal.query;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.QueryService;
import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryPage;
import io.twinkit.query.QueryOptions;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.QuerySyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging, result types and query errors of {@link QueryService}. */
class QueryServiceTest {

    private static final String ALL = "SELECT * FROM devices";

    static TwinDocument device(String id, int n) {
        return TwinDocument.builder(DeviceId.of(id)).tags(PropertySet.parse("{\"n\":" + n + "}")).build();
    }

    static TwinDocument module(String deviceId, String moduleId, int n) {
        return TwinDocument.builder(DeviceId.of(deviceId)).moduleId(ModuleId.of(moduleId))
                .tags(PropertySet.parse("{\"n\":" + n + "}")).build();
    }

    /** Returns device twins {@code d0000} to {@code d<count-1>}, tag {@code n} their number. */
    static List<TwinDocument> devices(int count) {
        List<TwinDocument> twins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            twins.add(device(String.format("d%04d", i), i));
        }
        return twins;
    }

    /** Returns the sizes of the pages of {@code sql}, checking that only the last page has no token. */
    static List<Integer> pageSizes(HubQueries service, String sql, QueryOptions options) {
        List<Integer> sizes = new ArrayList<>();
        QueryPage<JsonObject> page = service.query(sql, options);
        sizes.add(page.items().size());
        while (page.hasMore()) {
            page = service.query(sql, options.withContinuation(page.continuation().orElseThrow()));
            sizes.add(page.items().size());
        }
        return sizes;
    }

    static List<String> ids(List<JsonObject> items) {
        return items.stream().map(item -> item.valueOrNull("deviceId").asString()
                + (item.contains("moduleId") ? "/" + item.valueOrNull("moduleId").asString() : "")).toList();
    }

    @Test
    void withoutAPageSizePagesHoldTheHubsDefaultOf100() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(250));

        assertThat(pageSizes(service, ALL, QueryOptions.defaults())).containsExactly(100, 100, 50);
        assertThat(service.query(ALL).items()).hasSize(100);
    }

    @Test
    void pageSizesAboveTheMaximumAreClampedTo1000() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(1500));

        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(5000))).containsExactly(1000, 500);
        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(1000))).containsExactly(1000, 500);
        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(999))).containsExactly(999, 501);
    }

    @Test
    void theSmallestPageIsOneItem() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(3));

        assertThat(pageSizes(service, ALL, QueryOptions.ofPageSize(1))).containsExactly(1, 1, 1);
    }

    @Test
    void theHubsPageSizesApply() {
        HubOptions options = HubOptions.builder().pageSizes(10, 20).build();
        HubQueries service = HubQueries.create(options, devices(45));

        assertThat(pageSizes(service, ALL, QueryOptions.defaults())).containsExactly(10, 10, 10, 10, 5);
        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(100))).containsExactly(20, 20, 5);
    }

    @Test
    void aResultThatFillsItsLastPageExactlyHasNoTrailingEmptyPage() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(14));

        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(7))).containsExactly(7, 7);
        assertThat(pageSizes(service, ALL, QueryOptions.defaults().withPageSize(14))).containsExactly(14);
    }

    @Test
    void pagesCarryEveryItemOnceInKeyOrderAndEachContinuationMayAskForItsOwnSize() {
        List<TwinDocument> twins = devices(30);
        HubQueries service = HubQueries.create(HubOptions.defaults(), twins);

        QueryPage<JsonObject> first = service.query(ALL, QueryOptions.defaults().withPageSize(4));
        QueryPage<JsonObject> second = service.query(ALL, QueryOptions.defaults().withPageSize(20)
                .withContinuation(first.continuation().orElseThrow()));
        QueryPage<JsonObject> third = service.query(ALL, QueryOptions.defaults().withPageSize(20)
                .withContinuation(second.continuation().orElseThrow()));

        assertThat(first.items()).hasSize(4);
        assertThat(second.items()).hasSize(20);
        assertThat(third.items()).hasSize(6);
        assertThat(third.continuation()).isEmpty();
        List<JsonObject> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        all.addAll(third.items());
        assertThat(all).isEqualTo(twins.stream().map(TwinDocument::toJson).toList());
    }

    @Test
    void selectStarReturnsTwinsAsTheirServiceJsonOrderedByDeviceThenModule() {
        List<TwinDocument> twins = List.of(module("b", "m2", 1), device("b", 2), module("a", "m1", 3), device("a", 4),
                module("b", "$edgeAgent", 5));
        HubQueries service = HubQueries.create(HubOptions.defaults(), twins);

        QueryPage<JsonObject> devices = service.query(ALL);
        QueryPage<JsonObject> modules = service.query("SELECT * FROM devices.modules");

        assertThat(devices.itemType()).isEqualTo(QueryItemType.TWIN);
        assertThat(devices.items()).containsExactly(device("a", 4).toJson(), device("b", 2).toJson());
        assertThat(modules.itemType()).isEqualTo(QueryItemType.TWIN);
        assertThat(ids(modules.items())).containsExactly("a/m1", "b/$edgeAgent", "b/m2");
        assertThat(modules.items().get(0)).isEqualTo(module("a", "m1", 3).toJson());
    }

    @Test
    void projectionsAndAggregatesReturnRawRows() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(5));

        QueryPage<JsonObject> projected = service.query("SELECT deviceId, tags.n AS n FROM devices WHERE tags.n >= 3");
        QueryPage<JsonObject> counted = service.query("SELECT COUNT() AS total, SUM(tags.n) AS nsum FROM devices");

        assertThat(projected.itemType()).isEqualTo(QueryItemType.RAW);
        assertThat(projected.items()).containsExactly(
                JsonObject.of("deviceId", JsonString.of("d0003"), "n", JsonNumber.of(3)),
                JsonObject.of("deviceId", JsonString.of("d0004"), "n", JsonNumber.of(4)));
        assertThat(counted.itemType()).isEqualTo(QueryItemType.RAW);
        assertThat(counted.items()).containsExactly(
                JsonObject.of("total", JsonNumber.of(5), "nsum", JsonNumber.of(10)));
    }

    @Test
    void rowsArePagedLikeTwins() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(10));

        assertThat(pageSizes(service, "SELECT deviceId FROM devices", QueryOptions.defaults().withPageSize(4)))
                .containsExactly(4, 4, 2);
        assertThat(pageSizes(service, "SELECT tags.n AS n, COUNT() AS c FROM devices GROUP BY tags.n",
                QueryOptions.defaults().withPageSize(3))).containsExactly(3, 3, 3, 1);
    }

    @Test
    void topLimitsTheResultAcrossPages() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(50));

        assertThat(pageSizes(service, "SELECT TOP 10 * FROM devices", QueryOptions.defaults().withPageSize(3)))
                .containsExactly(3, 3, 3, 1);
    }

    @Test
    void anEmptyResultIsOneEmptyPageWithoutAToken() {
        HubQueries empty = HubQueries.create(HubOptions.defaults(), List.of());
        HubQueries some = HubQueries.create(HubOptions.defaults(), devices(5));

        assertThat(empty.query(ALL)).isEqualTo(QueryPage.of(List.of(), QueryItemType.TWIN, null));
        assertThat(some.query("SELECT * FROM devices WHERE tags.n > 100", QueryOptions.defaults().withPageSize(1)))
                .isEqualTo(QueryPage.of(List.of(), QueryItemType.TWIN, null));
        assertThat(some.query("SELECT deviceId FROM devices WHERE tags.n > 100"))
                .isEqualTo(QueryPage.of(List.of(), QueryItemType.RAW, null));
        assertThat(some.query("SELECT * FROM devices.modules"))
                .isEqualTo(QueryPage.of(List.of(), QueryItemType.TWIN, null));
        assertThat(empty.query("SELECT COUNT() AS n FROM devices").items())
                .containsExactly(JsonObject.of("n", JsonNumber.of(0)));
    }

    @Test
    void jobQueriesFindNoJobRecords() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(5));

        assertThat(service.query("SELECT * FROM devices.jobs"))
                .isEqualTo(QueryPage.of(List.of(), QueryItemType.DEVICE_JOB, null));
        assertThat(service.query("SELECT * FROM devices.jobs WHERE devices.jobs.status = 'completed'").items())
                .isEmpty();
    }

    @Test
    void invalidQueriesAreRejectedWith400() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(5));

        assertThatThrownBy(() -> service.query("SELECT * FROM devices WHERE"))
                .isInstanceOfSatisfying(QuerySyntaxException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
        assertThatThrownBy(() -> service.query("SELECT * FROM devices.modules GROUP BY tags.n"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> service.query("SELECT * FROM devices WHERE deviceId = '" + "x".repeat(8192) + "'"))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void changesThroughTheHookAreQueriedAndDeletionsRemoveTwins() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), List.of(device("a", 1)));

        service.twinChanged(TwinKey.device("b"), device("b", 2));
        service.twinChanged(TwinKey.device("a"), device("a", 10));
        service.twinChanged(TwinKey.module("a", "m"), module("a", "m", 3));
        service.changeListener().twinChanged(TwinKey.device("c"), device("c", 4));
        service.twinChanged(TwinKey.device("c"), null);
        service.twinChanged(TwinKey.device("never-existed"), null);

        assertThat(service.query(ALL).items()).containsExactly(device("a", 10).toJson(), device("b", 2).toJson());
        assertThat(ids(service.query("SELECT * FROM devices.modules").items())).containsExactly("a/m");
    }

    @Test
    void theHookRefusesTheTwinOfAnotherKey() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), List.of());

        assertThatThrownBy(() -> service.twinChanged(TwinKey.device("a"), device("b", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b").hasMessageContaining("a");
        assertThatThrownBy(() -> service.twinChanged(TwinKey.device("a"), module("a", "m", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a/m");
        assertThat(service.query(ALL).items()).isEmpty();
    }

    @Test
    void initialTwinsMustHaveDistinctKeys() {
        assertThatThrownBy(() -> HubQueries.create(HubOptions.defaults(), List.of(device("a", 1), device("a", 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }

    @Test
    void aClosedServiceRefusesQueries() {
        HubQueries service = HubQueries.create(HubOptions.defaults(), devices(3));
        service.close();

        assertThatThrownBy(() -> service.query(ALL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
