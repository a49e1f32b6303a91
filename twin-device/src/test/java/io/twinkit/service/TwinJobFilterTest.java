package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class TwinJobFilterTest {

    @Test
    void allLetsEveryJobThroughAndEachSettingNarrowsIt() {
        TwinJobFilter updates = TwinJobFilter.all().type(TwinJobType.SCHEDULE_UPDATE_TWIN);
        TwinJobFilter running = updates.status(TwinJobStatus.RUNNING);

        assertThat(TwinJobFilter.all().type()).isEmpty();
        assertThat(TwinJobFilter.all().status()).isEmpty();
        assertThat(updates.type()).contains(TwinJobType.SCHEDULE_UPDATE_TWIN);
        assertThat(updates.status()).isEmpty();
        assertThat(running.type()).contains(TwinJobType.SCHEDULE_UPDATE_TWIN);
        assertThat(running.status()).contains(TwinJobStatus.RUNNING);
        assertThat(running).hasToString("TwinJobFilter[type=scheduleUpdateTwin, status=running]");
        assertThat(TwinJobFilter.all()).hasToString("TwinJobFilter[type=any, status=any]");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> TwinJobFilter.all().type(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TwinJobFilter.all().status(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(TwinJobFilter.class).verify();
    }
}
