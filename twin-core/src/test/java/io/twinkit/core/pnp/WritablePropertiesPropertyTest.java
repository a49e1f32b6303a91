package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class WritablePropertiesPropertyTest {

    @Provide
    Arbitrary<WritablePropertyAck> acks() {
        Arbitrary<JsonValue> values = Arbitraries.oneOf(
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.doubles().between(-1e6, 1e6).map(JsonNumber::of),
                Arbitraries.strings().ofMaxLength(20).map(JsonValue::of),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                        .map(key -> JsonObject.of(key, JsonValue.of(true))));
        return Combinators.combine(values, Arbitraries.integers().between(AckCodes.MIN, AckCodes.MAX),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.strings().ofMaxLength(30).injectNull(0.3))
                .as(WritablePropertyAck::of);
    }

    @Property
    void ackSurvivesJsonAndPatchRoundTrips(@ForAll("acks") WritablePropertyAck ack,
                                           @ForAll("acks") WritablePropertyAck earlier) {
        assertThat(WritablePropertyAck.fromJson(ack.toJson())).isEqualTo(ack);

        PropertySet reported = WritableProperties.ackPatch("thermostat1", "p", earlier).applyTo(PropertySet.empty());
        reported = WritableProperties.ackPatch("thermostat1", "p", ack).applyTo(reported);
        JsonValue stored = PnpComponents.componentProperties(reported, "thermostat1").get("p").orElseThrow();

        // Object values merge into the earlier value, so only scalars are compared whole.
        if (!ack.value().isObject()) {
            assertThat(WritablePropertyAck.tryParse(stored)).contains(ack);
        } else {
            WritablePropertyAck read = WritablePropertyAck.fromJson(stored);
            assertThat(read.code()).isEqualTo(ack.code());
            assertThat(read.version()).isEqualTo(ack.version());
            assertThat(read.description()).isEqualTo(ack.description());
        }
    }

    @Property
    void stateFollowsVersionsAndCode(@ForAll @LongRange(min = 1, max = 1000) long desiredVersion,
                                     @ForAll @LongRange(min = 0, max = 1000) long ackVersion,
                                     @ForAll @IntRange(min = 100, max = 599) int code) {
        PropertySection desired = PropertySection.of(PropertySet.builder().put("p", 1).build(), desiredVersion);
        PropertySection reported = PropertySection.of(WritableProperties.ackPatch(null, "p",
                WritablePropertyAck.of(JsonNumber.of(1), code, ackVersion, null)).applyTo(PropertySet.empty()));

        WritablePropertyStatus status = WritableProperties.status(desired, reported, null, "p");

        WritablePropertyState expected = ackVersion < desiredVersion
                ? WritablePropertyState.PENDING
                : WritablePropertyState.ofCode(code);
        assertThat(status.state()).isEqualTo(expected);
        assertThat(status.isInSync()).isEqualTo(ackVersion >= desiredVersion && code == 200);
        assertThat(WritableProperties.pendingProperties(desired, reported, null))
                .isEqualTo(expected == WritablePropertyState.PENDING ? java.util.List.of("p") : java.util.List.of());
    }
}
