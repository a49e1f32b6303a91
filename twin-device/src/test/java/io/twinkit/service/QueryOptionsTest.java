package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryOptionsTest {

    @Test
    void defaultsArePagesOfOneHundredFromTheBeginning() {
        assertThat(QueryOptions.defaults().pageSize()).isEqualTo(100);
        assertThat(QueryOptions.defaults().continuation()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void rejectsPageSizesTheHubWouldNot(int size) {
        assertThatThrownBy(() -> QueryOptions.ofPageSize(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize " + size);
        assertThatThrownBy(() -> QueryOptions.defaults().withPageSize(size))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withersKeepTheOtherSettingAndLeaveTheOriginalAlone() {
        QueryOptions base = QueryOptions.ofPageSize(7);
        QueryOptions resumed = base.startingAt("token");
        assertThat(resumed.pageSize()).isEqualTo(7);
        assertThat(resumed.continuation()).contains("token");
        assertThat(resumed.withPageSize(9).continuation()).contains("token");
        assertThat(base.continuation()).isEmpty();
        assertThatThrownBy(() -> base.startingAt(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(QueryOptions.class).withNonnullFields().verify();
    }
}
