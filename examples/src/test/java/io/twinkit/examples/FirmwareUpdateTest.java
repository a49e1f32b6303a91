package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.pnp.WritablePropertyState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The firmware-update scenario. */
@Timeout(60)
class FirmwareUpdateTest {

    @Test
    void theDeviceAcknowledgesReportsProgressAndConvergesOnTheNewFirmware() {
        Captured out = new Captured();

        FirmwareUpdate.Result result = FirmwareUpdate.run(out.stream());

        assertThat(result.converged()).isTrue();
        assertThat(result.firmwareVersion()).isEqualTo("2.0.0");
        assertThat(result.state()).isEqualTo(WritablePropertyState.ACCEPTED);
        assertThat(result.desiredVersion()).isPositive();
        assertThat(result.progress()).isNotEmpty().isSorted().doesNotHaveDuplicates().endsWith(100)
                .isSubsetOf(FirmwareUpdate.PROGRESS_STEPS);
        assertThat(out.text()).containsSubsequence(
                "1. Device myDeviceId connects and reports firmwareVersion 1.0.0",
                "2. Back end sets desired {\"firmware\":{\"version\":\"2.0.0\"}}",
                "   desired $version " + result.desiredVersion(),
                "3. Back end waits for the device to acknowledge",
                "4. Back end follows the update until the device reports 2.0.0:",
                "   [####################] 100%",
                "5. Back end checks the acknowledgement",
                "   ACCEPTED: ack 200 for desired $version " + result.desiredVersion() + ", \"installed\"",
                "Converged: myDeviceId runs firmware 2.0.0.");
    }

    @Test
    void theProgramExitsZeroWhenTheDeviceConverged() {
        Captured out = new Captured();
        Captured err = new Captured();

        assertThat(FirmwareUpdate.runAsProgram(out.stream(), err.stream())).as("stderr: %s", err).isZero();
        assertThat(out.text()).contains("IN_PROGRESS: ack 202 for desired $version");
        assertThat(err.text()).isEmpty();
    }
}
