package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilitiesTest {

    private static final TwinJson CODEC = TwinJson.standard();

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
        JsonObject json = CODEC.readObject("{\"deviceId\":\"gw\",\"capabilities\":{\"iotEdge\":" + edge + "}}");

        TwinDocument twin = TwinDocument.fromJson(json);

        assertThat(twin.capabilities()).contains(new Capabilities(edge));
        assertThat(twin.toJson()).isEqualTo(json);
    }

    @Test
    void missingEdgeFlagMeansNotAnEdgeDevice() {
        TwinDocument twin = TwinDocument.fromJson(CODEC.readObject("{\"deviceId\":\"d\",\"capabilities\":{}}"));

        assertThat(twin.capabilities()).contains(new Capabilities(false));
    }

    @Test
    void moduleTwinsHaveNoCapabilities() {
        TwinDocument module = TwinDocument.fromJson(CODEC.readObject("{\"deviceId\":\"gw\",\"moduleId\":\"$edgeHub\"}"));

        assertThat(module.capabilities()).isEmpty();
        assertThat(module.toJson().contains("capabilities")).isFalse();
    }
}
