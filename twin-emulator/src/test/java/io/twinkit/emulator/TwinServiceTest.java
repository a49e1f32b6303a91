package io.twinkit.emulator;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinLimits;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.core.validation.ValidationRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Twin operations beyond the vectors: body shapes, options, module twins, errors. */
class TwinServiceTest {

    private final IotHub hub = IotHub.create();
    private final TwinKey key = TwinKey.device("svc-1");

    TwinServiceTest() {
        hub.registry().createDevice(key.deviceId());
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aSectionThatIsNotAnObjectIs400004AndNullRootMembersAreNotSupplied() {
        assertArgumentInvalid(() -> hub.twins().update(key, json("{\"tags\":[1]}"), null), "tags");
        assertArgumentInvalid(() -> hub.twins().update(key, json("{\"properties\":{\"desired\":5}}"), null),
                "properties.desired");
        assertArgumentInvalid(() -> hub.twins().replace(key, json("{\"properties\":\"x\"}"), null), "properties");
        TwinDocument twin = hub.twins().update(key, json("{\"tags\":null,\"properties\":{\"desired\":{\"a\":1},"
                + "\"reported\":null}}"), null);
        assertThat(twin.tags().toJson()).isEqualTo(json("{}"));
        assertThat(twin.desired().properties().toJson()).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void anUpdateWithNeitherSectionStillCountsAsAWrite() {
        TwinDocument twin = hub.twins().update(key, json("{\"deviceId\":\"svc-1\"}"), null);
        assertThat(twin.etag().orElseThrow().counter()).hasValue(2);
        assertThat(twin.desired().version()).hasValue(1);
    }

    @Test
    void nonEmptyReportedInAServiceUpdateIsIgnoredWhenTheOptionAllowsIt() {
        try (IotHub lenient = IotHub.create(HubOptions.builder().rejectReportedInServicePatch(false).build())) {
            lenient.registry().createDevice(key.deviceId());
            TwinDocument twin = lenient.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1},"
                    + "\"reported\":{\"x\":1}}}"), null);
            assertThat(twin.reported().properties().isEmpty()).isTrue();
            assertThat(twin.reported().version()).hasValue(1);
            assertThat(twin.desired().version()).hasValue(2);
        }
        assertArgumentInvalid(() -> hub.twins().replace(key, json("{\"properties\":{\"reported\":{\"x\":1}}}"),
                null), "properties.reported");
    }

    @Test
    void anOversizedSectionIs400ByDefaultAnd403WhenTheOptionSaysSo() {
        TwinLimits small = TwinLimits.builder().maxTagsSize(20).maxReportedSize(20).build();
        String big = "{\"tags\":{\"k\":\"" + "x".repeat(20) + "\"}}";
        try (IotHub hub400 = IotHub.create(HubOptions.builder().limits(small).build())) {
            hub400.registry().createDevice(key.deviceId());
            assertThatThrownBy(() -> hub400.twins().update(key, json(big), null))
                    .isInstanceOfSatisfying(TwinValidationException.class, e -> {
                        assertThat(e.rule()).isEqualTo(ValidationRule.SECTION_TOO_LARGE);
                        assertThat(e.httpStatus()).isEqualTo(400);
                    });
        }
        try (IotHub hub403 = IotHub.create(HubOptions.builder().limits(small).sizeViolationIs403(true).build())) {
            hub403.registry().createDevice(key.deviceId());
            TwinDocument before = hub403.twins().get(key);
            assertThatThrownBy(() -> hub403.twins().update(key, json(big), null))
                    .isInstanceOfSatisfying(SectionTooLargeException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(403);
                        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_QUOTA_EXCEEDED);
                        assertThat(e.section()).isEqualTo(TwinSection.TAGS);
                        assertThat(e.getCause()).isInstanceOf(TwinValidationException.class);
                    });
            assertThatThrownBy(() -> hub403.twins().replace(key, json(big), null))
                    .isInstanceOf(SectionTooLargeException.class);
            assertThatThrownBy(() -> hub403.twins().report(key, json("{\"k\":\"" + "y".repeat(20) + "\"}"), null))
                    .isInstanceOfSatisfying(SectionTooLargeException.class,
                            e -> assertThat(e.section()).isEqualTo(TwinSection.REPORTED));
            assertThatThrownBy(() -> hub403.twins().update(key, json("{\"tags\":{\"$k\":1}}"), null))
                    .as("other rules stay 400").isInstanceOf(TwinValidationException.class);
            assertThat(hub403.twins().get(key)).isEqualTo(before);
        }
    }

    @Test
    void aTwinReadBackFromGetCanBePutAgain() {
        hub.twins().update(key, json("{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"a\":{\"b\":1}}}}"), null);
        TwinDocument read = hub.twins().get(key);
        TwinDocument replaced = hub.twins().replace(key, read.toJson(), read.etag().orElseThrow().quoted());
        assertThat(replaced.desired().properties()).isEqualTo(read.desired().properties());
        assertThat(replaced.tags()).isEqualTo(read.tags());
        assertThat(replaced.desired().version()).hasValue(3);
        assertThat(replaced.etag().orElseThrow().counter()).hasValue(3);
    }

    @Test
    void aReplaceValidatesSectionsAsStoredDocuments() {
        assertThatThrownBy(() -> hub.twins().replace(key, json("{\"properties\":{\"desired\":{\"a\":null}}}"),
                null)).isInstanceOfSatisfying(TwinValidationException.class,
                        e -> assertThat(e.rule()).isEqualTo(ValidationRule.NULL_VALUE));
        assertThatThrownBy(() -> hub.twins().replace(key, json("{\"tags\":{\"a\":{\"$b\":1}}}"), null))
                .isInstanceOf(TwinValidationException.class);
        assertThat(hub.twins().get(key).etag().orElseThrow().counter()).hasValue(1);
    }

    @Test
    void anInvalidBodyIs400EvenWhenThePreconditionIsAlsoWrong() {
        assertThatThrownBy(() -> hub.twins().update(key, json("{\"tags\":{\"a b\":1}}"), "\"AAAAAAAAAAk=\""))
                .isInstanceOf(TwinValidationException.class);
        assertThatThrownBy(() -> hub.twins().replace(key, json("{\"tags\":{\"a b\":1}}"), "\"AAAAAAAAAAk=\""))
                .isInstanceOf(TwinValidationException.class);
        assertThatThrownBy(() -> hub.twins().report(key, json("{\"a#\":1}"), 9L))
                .isInstanceOf(TwinValidationException.class);
    }

    @Test
    void aReportedVersionAheadOfTheTwinIs412() {
        assertThatThrownBy(() -> hub.twins().report(key, json("{\"a\":1}"), 2L))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(412001));
        assertThat(hub.twins().report(key, json("{\"a\":1}"), 1L)).isEqualTo(2);
    }

    @Test
    void missingTwinsAre404() {
        TwinKey absent = TwinKey.device("absent");
        TwinKey absentModule = TwinKey.module(key.deviceId(), ModuleId.of("absent"));
        assertThatThrownBy(() -> hub.twins().update(absent, json("{}"), null))
                .isInstanceOf(DeviceNotFoundException.class).hasMessageContaining("absent");
        assertThatThrownBy(() -> hub.twins().report(absent, json("{}"), null))
                .isInstanceOf(DeviceNotFoundException.class);
        assertThatThrownBy(() -> hub.twins().deviceGet(absentModule)).isInstanceOf(ModuleNotFoundException.class);
        assertThatThrownBy(() -> hub.twins().replace(absentModule, json("{}"), null))
                .isInstanceOf(ModuleNotFoundException.class).hasMessageContaining("404010");
    }

    @Test
    void moduleTwinsFollowTheSameRulesAndStaySeparate() {
        hub.registry().createModule(key.deviceId(), ModuleId.of("m"));
        TwinKey module = TwinKey.module(key.deviceId(), ModuleId.of("m"));
        hub.twins().update(module, json("{\"tags\":{\"m\":1},\"properties\":{\"desired\":{\"d\":1}}}"), null);
        hub.twins().report(module, json("{\"r\":1}"), null);
        TwinDocument twin = hub.twins().get(module);
        assertThat(twin.moduleId()).contains(ModuleId.of("m"));
        assertThat(twin.version()).hasValue(4);
        assertThat(twin.capabilities()).isEmpty();
        assertThat(hub.twins().get(key).version()).hasValue(2);
        assertThat(hub.twins().deviceGet(module)).isEqualTo(json("{\"desired\":{\"d\":1,\"$version\":2},"
                + "\"reported\":{\"r\":1,\"$version\":2}}"));
    }

    @Test
    void theReturnedTwinCarriesIdentityFieldsAndMetadata() {
        TwinDocument twin = hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null);
        assertThat(twin).isEqualTo(hub.twins().get(key));
        assertThat(twin.deviceEtag()).isEqualTo(hub.registry().get(key).etag());
        assertThat(twin.status()).isPresent();
        assertThat(twin.connectionState()).isPresent();
        assertThat(twin.modelId()).contains("");
        assertThat(twin.desired().metadata()).isPresent();
        assertThat(twin.toJson().keys()).containsSubsequence("deviceId", "etag", "deviceEtag", "status",
                "statusUpdateTime", "connectionState", "lastActivityTime", "cloudToDeviceMessageCount",
                "authenticationType", "x509Thumbprint", "modelId", "version", "tags", "properties", "capabilities");
    }

    private static void assertArgumentInvalid(Runnable call, String path) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TwinException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
            assertThat(e.getMessage()).contains("'" + path + "'").contains("400004");
        });
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }
}
