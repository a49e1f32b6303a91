package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryOptionsTest {

    @Test
    void defaultsAreFiveAttempts() {
        assertThat(RetryOptions.defaults().maxAttempts()).isEqualTo(5);
        assertThat(RetryOptions.defaults().withMaxAttempts(9).maxAttempts()).isEqualTo(9);
    }

    @Test
    void delayDoublesUpToTheCap() {
        RetryOptions options = new RetryOptions(10, Duration.ofMillis(10), Duration.ofMillis(70));
        assertThat(options.delayAfter(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(options.delayAfter(2)).isEqualTo(Duration.ofMillis(20));
        assertThat(options.delayAfter(3)).isEqualTo(Duration.ofMillis(40));
        assertThat(options.delayAfter(4)).isEqualTo(Duration.ofMillis(70));
        assertThat(options.delayAfter(60)).isEqualTo(Duration.ofMillis(70));
        assertThatThrownBy(() -> options.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryOptions(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts 0");
        assertThatThrownBy(() -> new RetryOptions(1, Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> new RetryOptions(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
    }
}
