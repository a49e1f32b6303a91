package io.twinkit.core.pnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PnpComponentsTest {

    private static JsonValue json(String text) {
        return JsonValue.parse(text);
    }

    private static final PropertySet DESIRED = PropertySet.parse("""
            {"targetTemperature": 21.3,
             "thermostat1": {"__t": "c", "targetTemperature": 19.5},
             "settings": {"interval": 10},
             "deviceInformation": {"__t": "c"},
             "odd": {"__t": "x", "a": 1},
             "thermostat2": {"__t": "c", "targetTemperature": 18.0, "mode": "eco"}}""");

    @Test
    void markerConstantsAreThoseOfTheConvention() {
        assertThat(PnpComponents.MARKER_KEY).isEqualTo("__t");
        assertThat(PnpComponents.MARKER_VALUE).isEqualTo("c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"__t\":\"c\"}",
        "{\"__t\":\"c\",\"targetTemperature\":{\"value\":1,\"ac\":200,\"av\":1}}"})
    void componentsAreMarkedObjects(String text) {
        assertThat(PnpComponents.isComponent(json(text))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", "{\"__t\":\"C\"}", "{\"__t\":1}", "{\"t\":\"c\"}", "\"c\"", "[\"__t\"]",
        "{\"x\":{\"__t\":\"c\"}}"})
    void otherValuesAreNotComponents(String text) {
        assertThat(PnpComponents.isComponent(json(text))).isFalse();
    }

    @Test
    void componentNamesListMarkedMembersInOrder() {
        assertThat(PnpComponents.componentNames(DESIRED))
                .containsExactly("thermostat1", "deviceInformation", "thermostat2");
        assertThat(PnpComponents.componentNames(PropertySet.empty())).isEmpty();
    }

    @Test
    void componentPropertiesDropTheMarker() {
        assertThat(PnpComponents.componentProperties(DESIRED, "thermostat2"))
                .isEqualTo(PropertySet.parse("{\"targetTemperature\": 18.0, \"mode\": \"eco\"}"));
        assertThat(PnpComponents.componentProperties(DESIRED, "deviceInformation")).isEqualTo(PropertySet.empty());
    }

    @Test
    void componentPropertiesAreEmptyForMissingOrNonObjectMembers() {
        assertThat(PnpComponents.componentProperties(DESIRED, "thermostat3").isEmpty()).isTrue();
        assertThat(PnpComponents.componentProperties(DESIRED, "targetTemperature").isEmpty()).isTrue();
    }

    @Test
    void componentPropertiesReadUnmarkedObjectsToo() {
        assertThat(PnpComponents.componentProperties(DESIRED, "settings"))
                .isEqualTo(PropertySet.parse("{\"interval\": 10}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "$metadata", "__t"})
    void componentPropertiesRejectInvalidNames(String name) {
        assertThatThrownBy(() -> PnpComponents.componentProperties(DESIRED, name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("component name");
    }

    @Test
    void withMarkerPutsTheMarkerFirstAndKeepsMembers() {
        JsonObject marked = PnpComponents.withMarker(json("{\"targetTemperature\": 19.5}").asObject());

        assertThat(marked.keys()).containsExactly("__t", "targetTemperature");
        assertThat(marked).isEqualTo(json("{\"__t\":\"c\",\"targetTemperature\":19.5}"));
        assertThat(PnpComponents.isComponent(marked)).isTrue();
        assertThat(PnpComponents.withMarker(JsonObject.empty())).isEqualTo(json("{\"__t\":\"c\"}"));
    }

    @Test
    void withMarkerReplacesAWrongMarker() {
        JsonObject marked = PnpComponents.withMarker(json("{\"a\": 1, \"__t\": \"x\"}").asObject());

        assertThat(marked.keys()).containsExactly("__t", "a");
        assertThat(marked.valueOrNull("__t")).isEqualTo(JsonString.of("c"));
    }
}
