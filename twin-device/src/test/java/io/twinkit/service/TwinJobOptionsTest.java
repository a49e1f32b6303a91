package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class TwinJobOptionsTest {

    @Test
    void defaultsLeaveTheIdAndStartToEachJobAndLimitItToAnHour() {
        TwinJobOptions defaults = TwinJobOptions.defaults();

        assertThat(defaults.jobId()).isEmpty();
        assertThat(defaults.startTime()).isEmpty();
        assertThat(defaults.maxExecutionTime()).isEqualTo(Duration.ofHours(1))
                .isEqualTo(TwinJobOptions.DEFAULT_MAX_EXECUTION_TIME);
    }

    @Test
    void eachSettingReturnsNewOptionsAndLeavesTheOthersAlone() {
        Instant start = Instant.parse("2030-01-01T02:00:00Z");
        TwinJobOptions named = TwinJobOptions.defaults().jobId("firmware-rollout");
        TwinJobOptions all = named.startTime(start).maxExecutionTime(Duration.ofMinutes(30));

        assertThat(TwinJobOptions.defaults().jobId()).isEmpty();
        assertThat(named.jobId()).contains("firmware-rollout");
        assertThat(named.startTime()).isEmpty();
        assertThat(all.jobId()).contains("firmware-rollout");
        assertThat(all.startTime()).contains(start);
        assertThat(all.maxExecutionTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(all).hasToString("TwinJobOptions[jobId=firmware-rollout, startTime=2030-01-01T02:00:00Z, "
                + "maxExecutionTime=PT30M]");
    }

    @Test
    void theTimeLimitIsSentInWholeSecondsAndIsAtLeastOne() {
        assertThat(TwinJobOptions.defaults().maxExecutionTime(Duration.ofMillis(2_900)).maxExecutionTime())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> TwinJobOptions.defaults().maxExecutionTime(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("under one second");
        assertThatThrownBy(() -> TwinJobOptions.defaults().maxExecutionTime(Duration.ofSeconds(-5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIdThatWouldChangeTheRequestUrlIsRefused() {
        assertThatThrownBy(() -> TwinJobOptions.defaults().jobId("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> TwinJobOptions.defaults().jobId("x".repeat(129)))
                .isInstanceOf(IllegalArgumentException.class);
        for (String bad : new String[] {"a/b", "a?b", "a#b", "a%2F", "a b", "a\\b", "a\nb"}) {
            assertThatThrownBy(() -> TwinJobOptions.defaults().jobId(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request URL");
        }
        assertThat(TwinJobOptions.defaults().jobId("x".repeat(128)).jobId()).contains("x".repeat(128));
        assertThat(TwinJobOptions.defaults().jobId("job-1_a:b@c").jobId()).contains("job-1_a:b@c");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> TwinJobOptions.defaults().jobId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TwinJobOptions.defaults().startTime(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TwinJobOptions.defaults().maxExecutionTime(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(TwinJobOptions.class).withNonnullFields("maxExecutionTime").verify();
    }
}
