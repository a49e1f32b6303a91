package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class QueryOptionsTest {

    @Test
    void defaultPageSizeIsOneHundred() {
        assertThat(QueryOptions.defaults().pageSize()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void rejectsPageSizesTheHubWouldNot(int size) {
        assertThatThrownBy(() -> new QueryOptions(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize " + size);
    }
}
