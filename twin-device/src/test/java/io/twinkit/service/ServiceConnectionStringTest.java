package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConnectionStringTest {

    private static final String KEY = "Xk3c9Zq1bN2vR5tY8uI0oP4aS6dF7gH9jK1lZ2xC3vB=";

    @Test
    void parsesAHubConnectionString() {
        ServiceConnectionString parsed = ServiceConnectionString.parse(
                "HostName=contoso-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY);
        assertThat(parsed.hostName()).isEqualTo("contoso-hub.azure-devices.net");
        assertThat(parsed.hostNameWithoutPort()).isEqualTo("contoso-hub.azure-devices.net");
        assertThat(parsed.sharedAccessKeyName()).isEqualTo("iothubowner");
        assertThat(parsed.sharedAccessKey()).isEqualTo(KEY);
        assertThat(parsed.extras()).isEmpty();
    }

    @Test
    void acceptsAnyOrderAnyCaseAndKeepsExtraKeys() {
        ServiceConnectionString parsed = ServiceConnectionString.parse(" sharedaccesskey=" + KEY
                + "; DeviceId=ignored ;HOSTNAME=localhost:8443;SharedAccessKeyName=service;");
        assertThat(parsed.hostName()).isEqualTo("localhost:8443");
        assertThat(parsed.hostNameWithoutPort()).isEqualTo("localhost");
        assertThat(parsed.sharedAccessKeyName()).isEqualTo("service");
        assertThat(parsed.sharedAccessKey()).isEqualTo(KEY);
        assertThat(parsed.extras()).containsExactly(org.assertj.core.api.Assertions.entry("DeviceId", "ignored"));
    }

    @Test
    void toStringHidesTheKey() {
        ServiceConnectionString parsed = ServiceConnectionString.parse(
                "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY);
        assertThat(parsed.toString()).doesNotContain(KEY).contains("h.azure-devices.net", "iothubowner", "***");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "'  '|empty",
        "SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY + "|no HostName",
        "HostName=;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY + "|no HostName",
        "HostName=h.azure-devices.net;SharedAccessKey=" + KEY + "|no SharedAccessKeyName",
        "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner|no SharedAccessKey",
        "HostName=h.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=not*base64!|not base64",
        "HostName=h.azure-devices.net;hostname=g.azure-devices.net;SharedAccessKeyName=x;SharedAccessKey=" + KEY
            + "|twice",
        "HostName=h.azure-devices.net;garbage;SharedAccessKeyName=x;SharedAccessKey=" + KEY + "|not key=value",
        "HostName=h/x;SharedAccessKeyName=x;SharedAccessKey=" + KEY + "|not a host name",
        "HostName=localhost:99999;SharedAccessKeyName=x;SharedAccessKey=" + KEY + "|port",
        "HostName=localhost:;SharedAccessKeyName=x;SharedAccessKey=" + KEY + "|port",
    })
    void rejectsBadStringsNamingThePart(String connectionString, String expected) {
        assertThatThrownBy(() -> ServiceConnectionString.parse(connectionString))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void equalityIsByValue() {
        EqualsVerifier.forClass(ServiceConnectionString.class).withNonnullFields("hostName", "sharedAccessKeyName",
                "sharedAccessKey", "extras").verify();
        assertThat(ServiceConnectionString.parse("HostName=h;SharedAccessKeyName=a;SharedAccessKey=" + KEY))
                .isEqualTo(ServiceConnectionString.parse("sharedaccesskey=" + KEY + ";hostname=h;"
                        + "sharedaccesskeyname=a"));
    }
}
