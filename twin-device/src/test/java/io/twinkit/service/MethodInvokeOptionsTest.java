package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinMappingException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class MethodInvokeOptionsTest {

    record Answer(String outcome) {
    }

    @Test
    void theDefaultsAreTheServicesAndEachSetterGivesNewOptions() {
        MethodInvokeOptions defaults = MethodInvokeOptions.defaults();
        assertThat(defaults.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ZERO);

        MethodInvokeOptions patient = defaults.responseTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofMinutes(5));
        assertThat(patient.responseTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(patient.connectTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(defaults.responseTimeout()).as("unchanged").isEqualTo(Duration.ofSeconds(30));
        assertThat(patient).hasToString("MethodInvokeOptions[responseTimeout=PT5S, connectTimeout=PT5M]");
        EqualsVerifier.forClass(MethodInvokeOptions.class).verify();
    }

    @Test
    void timeoutsAreWholeSecondsInTheServicesRanges() {
        MethodInvokeOptions defaults = MethodInvokeOptions.defaults();
        assertThatThrownBy(() -> defaults.responseTimeout(Duration.ofSeconds(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTimeout")
                .hasMessageContaining("from 5 to 300");
        assertThatThrownBy(() -> defaults.responseTimeout(Duration.ofSeconds(301)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.responseTimeout(Duration.ofMillis(5500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> defaults.connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout")
                .hasMessageContaining("from 0 to 300");
        assertThatThrownBy(() -> defaults.connectTimeout(Duration.ofSeconds(301)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResultMapsItsPayloadAndTellsSuccess() {
        MethodResult done = new MethodResult(200, JsonValue.parse("{\"outcome\":\"done\",\"extra\":1}"));
        assertThat(done.isSuccess()).isTrue();
        assertThat(done.payloadAs(Answer.class)).isEqualTo(new Answer("done"));
        assertThat(new MethodResult(501, JsonNull.INSTANCE).isSuccess()).isFalse();
        assertThat(new MethodResult(200, JsonNull.INSTANCE).payloadAs(Answer.class)).isNull();
        assertThatThrownBy(() -> new MethodResult(200, JsonValue.parse("[1]")).payloadAs(Answer.class))
                .isInstanceOf(TwinMappingException.class);
    }
}
