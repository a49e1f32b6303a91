package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.TwinValidator;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import io.twinkit.reliability.support.Bounded;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Merge patches that break the twin rules, against {@link TwinValidator} and against a hub. A patch is either applied
 * whole, leaving a section that passes validation, or refused with the IoT Hub error code (400004, or 403 for a
 * section that grew too large) and leaves everything as it was, including the versions.
 */
class PatchFuzzTest {

    private static final FuzzCounts COUNTS = new FuzzCounts("patch");
    private static final TwinValidator VALIDATOR = TwinValidator.standard();
    private static final IotHub HUB = IotHub.create();
    private static final AtomicLong DEVICES = new AtomicLong();

    @AfterContainer
    static void writeFigures() {
        HUB.close();
        COUNTS.write();
    }

    @Provide
    Arbitrary<JsonObject> sections() {
        return JsonArbitraries.sections();
    }

    @Provide
    Arbitrary<JsonObject> patches() {
        return JsonArbitraries.patches();
    }

    @Property
    void theValidatorAppliesAPatchWholeOrRefusesItChangingNothing(@ForAll("sections") JsonObject target,
                                                                   @ForAll("patches") JsonObject patch,
                                                                   @ForAll TwinSection section) throws Exception {
        PropertySet before = PropertySet.of(target);
        String outcome = Bounded.call(Bounded.TRY_LIMIT, () -> {
            try {
                PropertySet after = VALIDATOR.apply(section, before, MergePatch.of(patch));
                assertThat(after).isEqualTo(MergePatch.of(patch).applyTo(before));
                VALIDATOR.validateDocument(section, after);
                return "accepted";
            } catch (TwinValidationException e) {
                assertThat(e.errorCode().code()).as(e.getMessage()).isEqualTo(400004);
                return "rejected";
            } catch (RuntimeException | StackOverflowError e) {
                return fail("applying " + patch + " threw " + e, e);
            }
        });
        assertThat(before).isEqualTo(PropertySet.of(target));
        COUNTS.count("validator", outcome);
    }

    @Property
    void theHubAppliesAPatchWholeOrRefusesItWithAnErrorCodeAndChangesNothing(
            @ForAll("sections") JsonObject start, @ForAll("patches") JsonObject patch, @ForAll TwinSection section)
            throws Exception {
        TwinKey key = TwinKey.device("patch-" + DEVICES.incrementAndGet());
        HUB.registry().createDevice(DeviceId.of(key.deviceId().value()));
        HUB.twins().report(key, start, null);
        HUB.twins().update(key, JsonObject.of("tags", start, "properties", JsonObject.of("desired", start)), null);
        TwinDocument before = HUB.twins().get(key);
        Assume.that(before.reported().properties().toJson().equals(start));

        String outcome = Bounded.call(Bounded.TRY_LIMIT, () -> {
            try {
                switch (section) {
                    case REPORTED -> HUB.twins().report(key, patch, null);
                    case DESIRED -> HUB.twins().update(key, JsonObject.of("properties",
                            JsonObject.of("desired", patch)), null);
                    case TAGS -> HUB.twins().update(key, JsonObject.of("tags", patch), null);
                }
                return "accepted";
            } catch (TwinException e) {
                assertThat(e.httpStatus()).as("status of %s", e.getMessage()).isIn(400, 403);
                assertThat(e.errorCode().code()).as(e.getMessage()).isBetween(400000, 403999);
                return "rejected";
            } catch (RuntimeException | StackOverflowError e) {
                return fail("the hub threw " + e + " for " + section + " " + patch, e);
            }
        });
        TwinDocument after = HUB.twins().get(key);
        if (outcome.equals("rejected")) {
            assertThat(after).as("a refused patch changes nothing").isEqualTo(before);
        } else {
            MergePatch applied = MergePatch.of(patch);
            switch (section) {
                case REPORTED -> {
                    assertThat(after.reported().properties()).isEqualTo(applied.applyTo(before.reported().properties()));
                    assertThat(after.reported().version()).hasValue(before.reported().version().orElseThrow() + 1);
                    VALIDATOR.validateDocument(TwinSection.REPORTED, after.reported().properties());
                }
                case DESIRED -> {
                    assertThat(after.desired().properties()).isEqualTo(applied.applyTo(before.desired().properties()));
                    assertThat(after.desired().version()).hasValue(before.desired().version().orElseThrow()
                            + (applied.isEmpty() && !HUB.options().emptyDesiredBumpsVersion() ? 0 : 1));
                    VALIDATOR.validateDocument(TwinSection.DESIRED, after.desired().properties());
                }
                case TAGS -> {
                    assertThat(after.tags()).isEqualTo(applied.applyTo(before.tags()));
                    VALIDATOR.validateDocument(TwinSection.TAGS, after.tags());
                }
            }
        }
        HUB.registry().delete(key, null);
        COUNTS.count("hub-" + section.name().toLowerCase(java.util.Locale.ROOT), outcome);
    }
}
