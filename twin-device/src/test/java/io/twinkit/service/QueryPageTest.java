package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class QueryPageTest {

    @Test
    void aPageWithAContinuationHasMoreAndMapsItsItems() {
        List<Integer> items = new ArrayList<>(List.of(1, 2, 3));
        QueryPage<Integer> page = new QueryPage<>(items, "next");
        items.add(4);
        assertThat(page.items()).containsExactly(1, 2, 3);
        assertThat(page.hasMore()).isTrue();
        QueryPage<String> mapped = page.map(i -> "#" + i);
        assertThat(mapped.items()).containsExactly("#1", "#2", "#3");
        assertThat(mapped.continuation()).contains("next");
    }

    @Test
    void theLastPageHasNoContinuationAndABlankOneIsRefused() {
        assertThat(new QueryPage<>(List.of(), null).hasMore()).isFalse();
        assertThatThrownBy(() -> new QueryPage<>(List.of(), "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(QueryPage.class).withNonnullFields("items").verify();
    }
}
