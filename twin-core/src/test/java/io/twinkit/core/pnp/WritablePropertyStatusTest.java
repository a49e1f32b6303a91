package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.OptionalLong;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class WritablePropertyStatusTest {

    private static final JsonValue VALUE = JsonNumber.of(21.3);

    @Test
    void stateFollowsFromTheParts() {
        assertThat(WritablePropertyStatus.of(null, OptionalLong.empty(), null).state())
                .isEqualTo(WritablePropertyState.NOT_REQUESTED);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), null).state())
                .isEqualTo(WritablePropertyState.PENDING);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.accepted(VALUE, 2))
                .state()).isEqualTo(WritablePropertyState.PENDING);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3),
                WritablePropertyAck.inProgress(VALUE, 3, null)).state()).isEqualTo(WritablePropertyState.IN_PROGRESS);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.accepted(VALUE, 3))
                .state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.rejected(VALUE, 3, "no"))
                .state()).isEqualTo(WritablePropertyState.REJECTED);
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.failed(VALUE, 3, "err"))
                .state()).isEqualTo(WritablePropertyState.FAILED);
    }

    @Test
    void onlyA200ForTheCurrentVersionIsInSync() {
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.accepted(VALUE, 3))
                .isInSync()).isTrue();
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.accepted(VALUE, 2))
                .isInSync()).isFalse();
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.of(3), WritablePropertyAck.of(VALUE, 201, 3, null))
                .isInSync()).isFalse();
        assertThat(WritablePropertyStatus.of(null, OptionalLong.empty(), WritablePropertyAck.accepted(VALUE, 3))
                .isInSync()).isFalse();
    }

    @Test
    void accessorsReturnTheParts() {
        WritablePropertyAck ack = WritablePropertyAck.accepted(VALUE, 3);
        WritablePropertyStatus status = WritablePropertyStatus.of(VALUE, OptionalLong.of(3), ack);

        assertThat(status.desiredValue()).contains(VALUE);
        assertThat(status.desiredVersion()).isEqualTo(OptionalLong.of(3));
        assertThat(status.ack()).contains(ack);
        assertThat(status.toString()).contains("state=ACCEPTED", "desiredValue=21.3", "desiredVersion=3",
                "\"ac\":200");
        assertThat(WritablePropertyStatus.of(VALUE, OptionalLong.empty(), null).toString())
                .contains("desiredVersion=unknown");
    }

    @Test
    void rejectsInconsistentParts() {
        assertThatThrownBy(() -> WritablePropertyStatus.of(JsonNull.INSTANCE, OptionalLong.of(1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON null");
        assertThatThrownBy(() -> WritablePropertyStatus.of(VALUE, OptionalLong.of(-1), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> WritablePropertyStatus.of(null, OptionalLong.of(4), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("desiredVersion 4")
                .hasMessageContaining("no desired value");
    }

    @Test
    void equalityComparesTheParts() {
        assertThat(WritablePropertyStatus.of(JsonNumber.of(20), OptionalLong.of(3), null))
                .isEqualTo(WritablePropertyStatus.of(JsonNumber.of(20.0), OptionalLong.of(3), null))
                .isNotEqualTo(WritablePropertyStatus.of(JsonNumber.of(20), OptionalLong.of(4), null))
                .isNotEqualTo(WritablePropertyStatus.of(JsonNumber.of(20), OptionalLong.empty(), null))
                .isNotEqualTo(WritablePropertyStatus.of(JsonNumber.of(20), OptionalLong.of(3),
                        WritablePropertyAck.accepted(JsonNumber.of(20), 3)));
    }

    @Test
    void equalsAndHashCodeFollowTheContract() {
        EqualsVerifier.forClass(WritablePropertyStatus.class)
                .withPrefabValues(JsonValue.class, JsonString.of("a"), JsonNumber.of(1))
                .withPrefabValues(WritablePropertyAck.class, WritablePropertyAck.accepted(JsonNumber.of(1), 1),
                        WritablePropertyAck.rejected(JsonString.of("b"), 2, "no"))
                .verify();
    }
}
