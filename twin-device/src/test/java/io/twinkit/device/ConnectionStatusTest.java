package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class ConnectionStatusTest {

    @Test
    void aStatusIsAValue() {
        EqualsVerifier.forClass(ConnectionStatus.class).withNonnullFields("state", "reason", "since").verify();
    }

    @Test
    void itTellsItsStateReasonCauseAndTime() {
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        ConnectionStatus lost = ConnectionStatus.of(ConnectionState.RETRYING,
                ConnectionStatusReason.COMMUNICATION_ERROR, new IOException("Connection lost"), now);
        ConnectionStatus up = ConnectionStatus.of(ConnectionState.CONNECTED, ConnectionStatusReason.CONNECTION_OK,
                null, now);

        assertThat(lost.isConnected()).isFalse();
        assertThat(lost.cause()).hasValueSatisfying(cause -> assertThat(cause).hasMessage("Connection lost"));
        assertThat(lost).hasToString("RETRYING (COMMUNICATION_ERROR) since 2024-05-01T10:00:00Z: Connection lost");
        assertThat(up.isConnected()).isTrue();
        assertThat(up.cause()).isEmpty();
        assertThat(up.since()).isEqualTo(now);
        assertThat(up).hasToString("CONNECTED (CONNECTION_OK) since 2024-05-01T10:00:00Z");
    }
}
