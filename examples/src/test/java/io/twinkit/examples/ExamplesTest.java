package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher of twinkit-examples.jar: programs by name, help, usage errors. */
@Timeout(60)
class ExamplesTest {

    private final Captured out = new Captured();
    private final Captured err = new Captured();

    @Test
    void helpListsEveryProgramAndVariable() {
        assertThat(Examples.run(List.of("--help"), Map.of(), out.stream(), err.stream())).isZero();

        assertThat(out.text()).isEqualTo(Examples.USAGE)
                .contains("tutorial", "firmware", "typed", "fleet", "rollout", "backend", "device", HubSettings.EMULATOR_READY,
                        HubSettings.SERVICE_CONNECTION_STRING, HubSettings.DEVICE_CONNECTION_STRING,
                        HubSettings.DEVICE_TRANSPORT);
        assertThat(err.text()).isEmpty();
    }

    @Test
    void anUnknownProgramOrAnUnexpectedArgumentIsAUsageError() {
        assertThat(Examples.run(List.of("bogus"), Map.of(), out.stream(), err.stream())).isEqualTo(Exit.USAGE);
        assertThat(Examples.run(List.of("tutorial", "now"), Map.of(), out.stream(), err.stream()))
                .isEqualTo(Exit.USAGE);
        assertThat(Examples.run(List.of("backend", "a", "b"), Map.of(), out.stream(), err.stream()))
                .isEqualTo(Exit.USAGE);

        assertThat(out.text()).isEmpty();
        assertThat(err.text()).startsWith("twinkit-examples: unknown program 'bogus'" + System.lineSeparator()
                + "usage: java -jar twinkit-examples.jar").contains("twinkit-examples: tutorial takes no arguments",
                "backend: usage: backend [deviceId]");
    }

    @Test
    void aProgramRunsByName() {
        assertThat(Examples.run(List.of("fleet", "50"), Map.of(), out.stream(), err.stream())).as("stderr: %s", err)
                .isZero();

        assertThat(out.text()).startsWith("Fleet queries on an embedded emulator").contains("   50 devices");
    }
}
