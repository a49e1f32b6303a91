package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The paging value types shared by the emulator and the back-end client: {@link QueryOptions}, {@link QueryPage}. */
class QueryPagingTest {

    @Test
    void defaultsAskForTheFirstPageOfTheHubsDefaultSize() {
        assertThat(QueryOptions.defaults().pageSize()).isEmpty();
        assertThat(QueryOptions.defaults().continuation()).isEmpty();
        assertThat(QueryOptions.defaults().pageSizeOr(QueryOptions.DEFAULT_PAGE_SIZE, QueryOptions.MAX_PAGE_SIZE))
                .isEqualTo(100);
        assertThat(QueryOptions.defaults()).hasToString("QueryOptions[pageSize=default]");
    }

    @Test
    void aSizeAboveTheHubsMaximumIsLoweredToIt() {
        assertThat(QueryOptions.ofPageSize(5000).pageSizeOr(100, 1000)).isEqualTo(1000);
        assertThat(QueryOptions.ofPageSize(7).pageSizeOr(100, 1000)).isEqualTo(7);
        assertThat(QueryOptions.ofPageSize(5000).pageSize()).hasValue(5000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAPageOfNoRows(int size) {
        assertThatThrownBy(() -> QueryOptions.ofPageSize(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("page size " + size + " is below 1");
        assertThatThrownBy(() -> QueryOptions.defaults().withPageSize(size))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withersSetOneSettingAndKeepTheOther() {
        QueryOptions options = QueryOptions.ofPageSize(7).withContinuation("abc");

        assertThat(options.pageSize()).hasValue(7);
        assertThat(options.continuation()).hasValue("abc");
        assertThat(options.withPageSize(3).continuation()).hasValue("abc");
        assertThat(options.withContinuation(null).pageSize()).hasValue(7);
        assertThat(options.withContinuation(null).continuation()).isEmpty();
        assertThat(QueryOptions.defaults().pageSize()).as("defaults() is not changed").isEmpty();
        assertThat(options).hasToString("QueryOptions[pageSize=7, continuation=abc]");
        assertThatThrownBy(() -> options.withContinuation(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void optionsAreValues() {
        EqualsVerifier.forClass(QueryOptions.class).verify();
        assertThat(QueryOptions.ofPageSize(7)).isEqualTo(QueryOptions.defaults().withPageSize(7))
                .isNotEqualTo(QueryOptions.defaults());
    }

    @Test
    void pagesAreValues() {
        EqualsVerifier.forClass(QueryPage.class).withNonnullFields("items", "itemType")
                .withPrefabValues(JsonObject.class, JsonObject.of("deviceId", JsonString.of("red")),
                        JsonObject.of("count", JsonNumber.of(42)))
                .verify();
    }

    @Test
    void aPageCopiesItsItemsAndTellsWhetherMoreFollow() {
        List<JsonObject> items = new ArrayList<>(List.of(JsonObject.of("n", JsonNumber.of(1))));
        QueryPage<JsonObject> last = QueryPage.of(items, QueryItemType.RAW, null);
        QueryPage<JsonObject> more = QueryPage.of(items, QueryItemType.RAW, "token");
        items.clear();

        assertThat(last.items()).containsExactly(JsonObject.of("n", JsonNumber.of(1)));
        assertThat(last.hasMore()).isFalse();
        assertThat(last.continuation()).isEmpty();
        assertThat(more.hasMore()).isTrue();
        assertThat(more.continuation()).hasValue("token");
        assertThat(more).hasToString("QueryPage[1 raw item(s), continuation=token]");
        assertThat(last).hasToString("QueryPage[1 raw item(s), last]");
        assertThatThrownBy(() -> last.items().add(JsonObject.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void mappingAPageKeepsItsTypeAndToken() {
        QueryPage<Integer> page = QueryPage.of(List.of(1, 2, 3), QueryItemType.TWIN, "next");

        QueryPage<String> mapped = page.map(n -> "#" + n);

        assertThat(mapped.items()).containsExactly("#1", "#2", "#3");
        assertThat(mapped.itemType()).isEqualTo(QueryItemType.TWIN);
        assertThat(mapped.continuation()).contains("next");
        assertThat(page.items()).containsExactly(1, 2, 3);
    }

    @Test
    void aPageRefusesABlankToken() {
        assertThatThrownBy(() -> QueryPage.of(List.of(), QueryItemType.TWIN, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null on the last page");
        assertThatThrownBy(() -> QueryPage.of(List.of(), QueryItemType.TWIN, "  "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemTypesHaveTheServicesHeaderValues() {
        assertThat(QueryItemType.TWIN.wireName()).isEqualTo("twin");
        assertThat(QueryItemType.RAW.wireName()).isEqualTo("raw");
        assertThat(QueryItemType.DEVICE_JOB.wireName()).isEqualTo("deviceJob");
        assertThat(QueryItemType.JOB_RESPONSE.wireName()).isEqualTo("jobResponse");
    }
}
