package io.twinkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.core.TwinKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A class with {@code @TwinkitHub}: one seeded hub, injected into the constructor and methods. */
@TwinkitHub(hubName = "extension-test", devices = {"listed-1", "listed-2/module-a", "sensor-rd-001/new-module"},
        twins = "classpath:conformance/twins.json")
class IotHubExtensionTest {

    private static IotHub beforeAllHub;

    private final IotHub constructorHub;
    private IotHub beforeEachHub;

    IotHubExtensionTest(IotHub hub) {
        this.constructorHub = hub;
    }

    @BeforeAll
    static void rememberTheHub(IotHub hub) {
        beforeAllHub = hub;
    }

    @BeforeEach
    void rememberTheHubAgain(IotHub hub) {
        beforeEachHub = hub;
    }

    private static List<TwinDocument> fixture(String member) {
        return ConformanceVectors.fixtures("twins.json").get(0).json().valueOrNull(member).asArray().values().stream()
                .map(JsonValue::asObject).map(TwinDocument::fromJson).toList();
    }

    @Test
    void theConstructorAndEveryMethodGetTheSameHub(IotHub hub) {
        assertThat(hub).isSameAs(constructorHub).isSameAs(beforeAllHub).isSameAs(beforeEachHub);
    }

    @Test
    void theHubHasTheConfiguredName(IotHub hub) {
        assertThat(hub.options().hubName()).isEqualTo("extension-test");
    }

    @Test
    void listedDevicesAndModulesAreCreated(IotHub hub) {
        assertThat(hub.registry().find(TwinKey.device("listed-1"))).isPresent();
        assertThat(hub.registry().find(TwinKey.device("listed-2"))).isPresent();
        assertThat(hub.registry().find(TwinKey.module("listed-2", "module-a"))).isPresent();
        assertThat(hub.registry().find(TwinKey.module("sensor-rd-001", "new-module"))).isPresent();
        assertThat(hub.twins().get(TwinKey.device("listed-1")).desired().version()).hasValue(1);
    }

    @Test
    void theTwinsFileIsImportedAsGiven(IotHub hub) {
        List<TwinDocument> twins = fixture("twins");
        List<TwinDocument> modules = fixture("modules");
        assertThat(twins).isNotEmpty();
        assertThat(modules).isNotEmpty();
        for (TwinDocument expected : twins) {
            TwinDocument actual = hub.twins().get(TwinKey.device(expected.deviceId()));
            assertThat(actual.etag()).isEqualTo(expected.etag());
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.tags()).isEqualTo(expected.tags());
            assertThat(actual.desired().properties()).isEqualTo(expected.desired().properties());
            assertThat(actual.reported().properties()).isEqualTo(expected.reported().properties());
        }
        for (TwinDocument expected : modules) {
            TwinDocument actual = hub.twins().get(TwinKey.module(expected.deviceId(), expected.moduleId()
                    .orElseThrow()));
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.reported().properties()).isEqualTo(expected.reported().properties());
        }
        assertThat(hub.registry().list()).as("devices").hasSize(twins.size() + 2);
        assertThat(hub.registry().list().stream().mapToInt(d -> hub.registry().modules(d.key().deviceId()).size())
                .sum()).as("modules").isEqualTo(modules.size() + 2);
    }

    @Test
    void theSeededTwinsAreQueryable(IotHub hub) {
        assertThat(hub.queries().query("SELECT COUNT() AS n FROM devices").items()).singleElement()
                .isEqualTo(JsonObject.of("n", JsonNumber.of(fixture("twins").size() + 2)));
        assertThat(hub.queries().query("SELECT * FROM devices.modules WHERE moduleId = 'new-module'").items())
                .singleElement().satisfies(twin -> assertThat(twin.valueOrNull("deviceId"))
                        .isEqualTo(JsonString.of("sensor-rd-001")));
    }
}
