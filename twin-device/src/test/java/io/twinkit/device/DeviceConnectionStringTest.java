package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinKey;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceConnectionStringTest {

    private static final String KEY = "c2VjcmV0LWRldmljZS1rZXktMTIzNDU2Nzg5MDEyMzQ1Ng==";

    @Test
    void parsesARealDeviceString() {
        DeviceConnectionString parsed = DeviceConnectionString.parse(
                "HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;SharedAccessKey=" + KEY);
        assertThat(parsed.hostName()).isEqualTo("contoso-hub.azure-devices.net");
        assertThat(parsed.deviceId()).isEqualTo(DeviceId.of("thermostat-01"));
        assertThat(parsed.moduleId()).isEmpty();
        assertThat(parsed.twinKey()).isEqualTo(TwinKey.device("thermostat-01"));
        assertThat(parsed.sharedAccessKey()).isEqualTo(KEY);
        assertThat(parsed.gatewayHostName()).isEmpty();
        assertThat(parsed.toConnectionString())
                .isEqualTo("HostName=contoso-hub.azure-devices.net;DeviceId=thermostat-01;SharedAccessKey=" + KEY);
    }

    @Test
    void parsesAModuleStringInAnyOrderWithCaseInsensitiveNames() {
        DeviceConnectionString parsed = DeviceConnectionString.parse("sharedaccesskey=" + KEY
                + ";MODULEID=filter;deviceId=edge-01;GatewayHostName=edge.local;HOSTNAME=contoso-hub.azure-devices.net;");
        assertThat(parsed.deviceId()).isEqualTo(DeviceId.of("edge-01"));
        assertThat(parsed.moduleId()).contains(ModuleId.of("filter"));
        assertThat(parsed.twinKey()).isEqualTo(TwinKey.module("edge-01", "filter"));
        assertThat(parsed.gatewayHostName()).contains("edge.local");
        assertThat(parsed.hostName()).isEqualTo("contoso-hub.azure-devices.net");
        assertThat(DeviceConnectionString.parse(parsed.toConnectionString())).isEqualTo(parsed);
    }

    @Test
    void acceptsX509False() {
        assertThat(DeviceConnectionString.parse("HostName=h.azure-devices.net;DeviceId=d1;x509=false;"
                + "SharedAccessKey=" + KEY).deviceId()).isEqualTo(DeviceId.of("d1"));
    }

    @Test
    void toStringHidesTheKey() {
        DeviceConnectionString parsed = DeviceConnectionString.parse(
                "HostName=h.azure-devices.net;DeviceId=d1;ModuleId=m1;SharedAccessKey=" + KEY);
        assertThat(parsed.toString()).contains("h.azure-devices.net", "d1/m1").doesNotContain(KEY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "DeviceId=d1;SharedAccessKey=" + KEY + "|no HostName",
        "HostName=h.azure-devices.net;SharedAccessKey=" + KEY + "|no DeviceId",
        "HostName=h.azure-devices.net;DeviceId=;SharedAccessKey=" + KEY + "|no DeviceId",
        "HostName=h.azure-devices.net;DeviceId=d1|no SharedAccessKey",
        "HostName=h.azure-devices.net;DeviceId=bad id;SharedAccessKey=" + KEY + "|invalid DeviceId 'bad id'",
        "HostName=h.azure-devices.net;DeviceId=d1;ModuleId=m/1;SharedAccessKey=" + KEY + "|invalid ModuleId 'm/1'",
        "HostName=h.azure-devices.net;DeviceId=d1;SharedAccessKey=not*base64!|SharedAccessKey that is not base64",
        "HostName=h.azure-devices.net;DeviceId=d1;x509=true|X.509 device authentication is not supported yet",
        "HostName=h.azure-devices.net;DeviceId=d1;x509=maybe|x509=maybe",
        "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY + "|service",
        "HostName=h.azure-devices.net;DeviceId=d1;DeviceId=d2;SharedAccessKey=" + KEY + "|DeviceId more than once",
        "HostName=h.azure-devices.net;DeviceId=d1;Colour=red;SharedAccessKey=" + KEY + "|unknown part 'Colour'",
        "HostName=h.azure-devices.net;DeviceId;SharedAccessKey=" + KEY + "|'DeviceId' is not name=value",
    })
    void rejectsBadStringsNamingThePart(String connectionString, String message) {
        assertThatThrownBy(() -> DeviceConnectionString.parse(connectionString))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(DeviceConnectionString.class)
                .withNonnullFields("hostName", "deviceId", "sharedAccessKey").verify();
    }
}
