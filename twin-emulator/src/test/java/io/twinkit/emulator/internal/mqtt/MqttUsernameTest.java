package io.twinkit.emulator.internal.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CONNECT user name (spec §5.2) as the SDKs send it. */
class MqttUsernameTest {

    @Test
    void theJavaSdkUserNameParsesIntoHostClientAndDecodedParameters() {
        MqttUsername name = MqttUsername.parse("127.0.0.1/d1/?api-version=2020-09-30"
                + "&model-id=dtmi%3Acom%3Aexample%3BThermostat%3B1"
                + "&DeviceClientType=com.microsoft.azure.sdk.iot.iot-device-client%2F2.5.0%20%2817.0.15%3B%20Linux%29",
                "d1");
        assertThat(name.hostName()).isEqualTo("127.0.0.1");
        assertThat(name.clientId()).isEqualTo("d1");
        assertThat(name.apiVersion()).contains("2020-09-30");
        assertThat(name.modelId()).contains("dtmi:com:example;Thermostat;1");
        assertThat(name.parameters()).containsEntry("DeviceClientType",
                "com.microsoft.azure.sdk.iot.iot-device-client/2.5.0 (17.0.15; Linux)");
    }

    @Test
    void modulesEmbeddedCAndBareForms() {
        assertThat(MqttUsername.parse("hub.azure-devices.net/d1/m1/?api-version=2018-06-30&DeviceClientType=c%2F1.0",
                "d1/m1").parameters()).isEqualTo(Map.of("api-version", "2018-06-30", "DeviceClientType", "c/1.0"));
        assertThat(MqttUsername.parse("h/d1/", "d1").parameters()).isEmpty();
        assertThat(MqttUsername.parse("h/d1/?", "d1").parameters()).isEmpty();
        assertThat(MqttUsername.parse("h/d1/?flag&x=1&x=2", "d1").parameters()).containsEntry("flag", "")
                .containsEntry("x", "1");
        assertThat(MqttUsername.parse("h/d1/?model-id=", "d1").modelId()).isEmpty();
    }

    @Test
    void deviceIdsWithQuestionMarksAndHashesAreMatchedLiterally() {
        MqttUsername name = MqttUsername.parse("h/?odd#id/?api-version=1", "?odd#id");
        assertThat(name.clientId()).isEqualTo("?odd#id");
        assertThat(name.apiVersion()).contains("1");
    }

    @Test
    void userNamesThatDoNotNameTheClientAreRejected() {
        assertThatThrownBy(() -> MqttUsername.parse("h/d2/?api-version=1", "d1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'d1'");
        assertThatThrownBy(() -> MqttUsername.parse("h/d1/m1/?api-version=1", "d1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttUsername.parse("h/d1?api-version=1", "d1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttUsername.parse("d1", "d1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttUsername.parse("/d1/?a=1", "d1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttUsername.parse("h/d1/?a=%zz", "d1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("%zz");
    }
}
