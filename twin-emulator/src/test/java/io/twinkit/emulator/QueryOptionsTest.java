package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

/** The value types of the query API: {@link QueryOptions}, {@link QueryPage} and {@link QueryItemType}. */
class QueryOptionsTest {

    @Test
    void defaultsAskForTheFirstPageOfTheHubsDefaultSize() {
        assertThat(QueryOptions.defaults().pageSize()).isEmpty();
        assertThat(QueryOptions.defaults().continuation()).isEmpty();
        assertThat(QueryOptions.defaults()).hasToString("QueryOptions[pageSize=default]");
    }

    @Test
    void withersSetOneSettingAndKeepTheOther() {
        QueryOptions options = QueryOptions.defaults().withPageSize(7).withContinuation("abc");

        assertThat(options.pageSize()).hasValue(7);
        assertThat(options.continuation()).hasValue("abc");
        assertThat(options.withPageSize(3).continuation()).hasValue("abc");
        assertThat(options.withContinuation(null).pageSize()).hasValue(7);
        assertThat(options.withContinuation(null).continuation()).isEmpty();
        assertThat(QueryOptions.defaults().pageSize()).as("defaults() is not changed").isEmpty();
        assertThat(options).hasToString("QueryOptions[pageSize=7, continuation=abc]");
    }

    @Test
    void optionsAreValues() {
        EqualsVerifier.forClass(QueryOptions.class).verify();
        assertThat(QueryOptions.defaults().withPageSize(7)).isEqualTo(QueryOptions.defaults().withPageSize(7))
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
        QueryPage last = QueryPage.of(items, QueryItemType.RAW, null);
        QueryPage more = QueryPage.of(items, QueryItemType.RAW, "token");
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
    void aPageRefusesAnEmptyToken() {
        assertThatThrownBy(() -> QueryPage.of(List.of(), QueryItemType.TWIN, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null on the last page");
    }

    @Test
    void itemTypesHaveTheServicesHeaderValues() {
        assertThat(QueryItemType.TWIN.wireName()).isEqualTo("twin");
        assertThat(QueryItemType.RAW.wireName()).isEqualTo("raw");
        assertThat(QueryItemType.DEVICE_JOB.wireName()).isEqualTo("deviceJob");
    }
}
