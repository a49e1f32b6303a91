package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilitiesTest {

    @Test
    void recordHoldsTheEdgeFlag() {
        assertThat(new Capabilities(true).iotEdge()).isTrue();
        assertThat(new Capabilities(false).iotEdge()).isFalse();
        assertThat(new Capabilities(true)).isEqualTo(new Capabilities(true))
                .hasSameHashCodeAs(new Capabilities(true));
        assertThat(new Capabilities(true)).isNotEqualTo(new Capabilities(false));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void twinReadsAndWritesCapabilities(boolean edge) {
        JsonObject json = JsonValue.parseObject("{\"deviceId\":\"gw\",\"capabilities\":{\"iotEdge\":" + edge + "}}");

        TwinDocument twin = TwinDocument.fromJson(json);

        assertThat(twin.capabilities()).contains(new Capabilities(edge));
        assertThat(twin.toJson()).isEqualTo(json);
    }

    @Test
    void missingEdgeFlagMeansNotAnEdgeDevice() {
        TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject("{\"deviceId\":\"d\",\"capabilities\":{}}"));

        assertThat(twin.capabilities()).contains(new Capabilities(false));
    }

    @Test
    void moduleTwinsHaveNoCapabilities() {
        TwinDocument module = TwinDocument.fromJson(JsonValue.parseObject(
                "{\"deviceId\":\"gw\",\"moduleId\":\"$edgeHub\"}"));

        assertThat(module.capabilities()).isEmpty();
        assertThat(module.toJson().contains("capabilities")).isFalse();
    }
}
