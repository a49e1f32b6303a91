package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.ETag;
import java.time.Duration;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class UpdateOptionsTest {

    @Test
    void defaultsAreUnconditionalWithTheDefaultRetry() {
        UpdateOptions defaults = UpdateOptions.defaults();
        assertThat(defaults.ifMatch()).isEmpty();
        assertThat(defaults.retry()).isEqualTo(RetryOptions.defaults());
        assertThat(defaults.ifMatchHeader()).isNull();
    }

    @Test
    void eachSettingReturnsNewOptionsAndLeavesTheOtherAlone() {
        ETag etag = ETag.of("AAAAAAAAAAE=");
        RetryOptions retry = new RetryOptions(9, Duration.ofMillis(5), Duration.ofMillis(80));
        UpdateOptions conditional = UpdateOptions.defaults().ifMatch(etag);
        UpdateOptions both = conditional.retry(retry);

        assertThat(UpdateOptions.defaults().ifMatch()).isEmpty();
        assertThat(conditional.ifMatch()).contains(etag);
        assertThat(conditional.retry()).isEqualTo(RetryOptions.defaults());
        assertThat(conditional.ifMatchHeader()).isEqualTo("\"AAAAAAAAAAE=\"");
        assertThat(both.ifMatch()).contains(etag);
        assertThat(both.retry()).isEqualTo(retry);
        assertThat(both.unconditional().ifMatch()).isEmpty();
        assertThat(both.unconditional().retry()).isEqualTo(retry);
        assertThat(UpdateOptions.defaults().unconditional()).isSameAs(UpdateOptions.defaults());
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> UpdateOptions.defaults().ifMatch(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("etag");
        assertThatThrownBy(() -> UpdateOptions.defaults().retry(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("retry");
    }

    @Test
    void isAValue() {
        EqualsVerifier.forClass(UpdateOptions.class).withNonnullFields("retry").verify();
        assertThat(UpdateOptions.defaults().ifMatch(ETag.of("e1")))
                .isEqualTo(UpdateOptions.defaults().ifMatch(ETag.of("e1")))
                .isNotEqualTo(UpdateOptions.defaults().ifMatch(ETag.of("e2")));
        assertThat(UpdateOptions.defaults().ifMatch(ETag.of("e1")).toString())
                .isEqualTo("UpdateOptions[ifMatch=e1, retry=" + RetryOptions.defaults() + "]");
        assertThat(UpdateOptions.defaults().toString()).contains("ifMatch=none");
    }
}
