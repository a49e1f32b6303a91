package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.examples.TypedTwins.Location;
import io.twinkit.examples.TypedTwins.Reported;
import io.twinkit.examples.TypedTwins.Settings;
import io.twinkit.examples.TypedTwins.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The typed-twins scenario. */
@Timeout(60)
class TypedTwinsTest {

    @Test
    void recordsGoInAndComeBackAndOnlyTheDifferencesAreSent() {
        Captured out = new Captured();

        TypedTwins.Result result = TypedTwins.run(out.stream());

        assertThat(result.tags()).isEqualTo(new Tags(new Location("US", "Redmond44")));
        assertThat(result.desired()).isEqualTo(new Settings(30, 75.5));
        assertThat(result.reported()).isEqualTo(new Reported("1.4.2", 30, "wifi"));
        assertThat(result.movePatch()).hasToString("{\"location\":{\"plant\":\"Redmond44\"}}");
        assertThat(result.secondReport()).hasToString("{\"telemetryInterval\":30}");
        assertThat(result.repeatSentNothing()).isTrue();
        assertThat(out.text()).containsSubsequence(
                "1. Device connects; its desired properties map to Settings[telemetryInterval=null, "
                        + "temperatureLimit=null]",
                "   sent {\"firmwareVersion\":\"1.4.2\",\"telemetryInterval\":60,\"connectivity\":\"wifi\"}",
                "   sent {\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}",
                "   sent {\"location\":{\"plant\":\"Redmond44\"}}",
                "   sent {\"telemetryInterval\":30,\"temperatureLimit\":75.5}",
                "5. Device's typed listener receives Settings[telemetryInterval=30, temperatureLimit=75.5]",
                "   sent {\"telemetryInterval\":30}, reported $version",
                "   nothing to send",
                "Done: tags, desired and reported properties match the records.");
    }

    @Test
    void theProgramExitsZero() {
        Captured err = new Captured();

        assertThat(TypedTwins.runAsProgram(new Captured().stream(), err.stream())).as("stderr: %s", err).isZero();
    }
}
