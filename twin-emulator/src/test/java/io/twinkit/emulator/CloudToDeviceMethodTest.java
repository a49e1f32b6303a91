package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service's JSON form of a direct method call and its rules ({@link CloudToDeviceMethod}). */
class CloudToDeviceMethodTest {

    @Test
    void absentMembersGetTheServicesDefaultsAndUnknownMembersAreIgnored() {
        CloudToDeviceMethod call = CloudToDeviceMethod.fromJson(JsonValue.parseObject(
                "{\"methodName\":\"reboot\",\"timeoutInSeconds\":99}"));
        assertThat(call).isEqualTo(new CloudToDeviceMethod("reboot", JsonNull.INSTANCE, Duration.ofSeconds(30),
                Duration.ZERO));
        assertThat(CloudToDeviceMethod.fromJson(JsonValue.parseObject("{\"methodName\":\"reboot\",\"payload\":null,"
                + "\"responseTimeoutInSeconds\":null,\"connectTimeoutInSeconds\":null}"))).isEqualTo(call);
        assertThat(CloudToDeviceMethod.of("reboot", JsonNull.INSTANCE)).isEqualTo(call);
    }

    @Test
    void theJsonFormRoundTripsEveryPayloadKind() {
        for (String payload : new String[] {"null", "\"\"", "\"foo\"", "{}", "{\"k1\":\"v1\"}", "[1,true,null]", "7.5",
                "false"}) {
            JsonObject json = JsonValue.parseObject("{\"methodName\":\"m\",\"payload\":" + payload
                    + ",\"responseTimeoutInSeconds\":5,\"connectTimeoutInSeconds\":300}");
            CloudToDeviceMethod call = CloudToDeviceMethod.fromJson(json);
            assertThat(call.payload()).isEqualTo(JsonValue.parse(payload));
            assertThat(call.toJson()).isEqualTo(json);
            assertThat(CloudToDeviceMethod.fromJson(call.toJson())).isEqualTo(call);
        }
        assertThat(CloudToDeviceMethod.of("m", JsonValue.of(1)).withTimeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(10)).toJson()).isEqualTo(JsonValue.parseObject("{\"methodName\":\"m\","
                + "\"payload\":1,\"responseTimeoutInSeconds\":60,\"connectTimeoutInSeconds\":10}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"methodName\":null}", "{\"methodName\":5}", "{\"methodName\":\"\"}",
        "{\"methodName\":\"a;b\"}", "{\"methodName\":\"a\\tb\"}", "{\"methodName\":\"a+\"}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":0}", "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":4}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":301}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":30.5}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":\"30\"}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":-1}",
        "{\"methodName\":\"m\",\"responseTimeoutInSeconds\":99999999999999999999}",
        "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":-1}", "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":301}",
        "{\"methodName\":\"m\",\"connectTimeoutInSeconds\":true}"})
    void aBodyThatBreaksTheServicesRulesIs400004(String body) {
        assertThatThrownBy(() -> CloudToDeviceMethod.fromJson(JsonValue.parseObject(body)))
                .isInstanceOfSatisfying(TwinException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID));
    }

    @Test
    void thePayloadLimitIs128KiBOfCompactJson() {
        String fits = "x".repeat(CloudToDeviceMethod.MAX_PAYLOAD_BYTES - 2);
        assertThat(CloudToDeviceMethod.of("m", JsonValue.of(fits)).payload()).isEqualTo(JsonValue.of(fits));
        assertThatThrownBy(() -> CloudToDeviceMethod.of("m", JsonValue.of(fits + "x")))
                .isInstanceOf(TwinException.class).hasMessageContaining("'payload' size");
    }
}
