package io.twinkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.SharedAccessSignature;
import org.junit.jupiter.api.Test;

class SasTokensTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void hubTokenSignsTheLowerCasedHostWithoutPortAndNamesThePolicy() {
        String token = SasTokens.hubToken(KEY, "MyHub.Azure-Devices.net:8443", 1_700_000_000L, "iothubowner");
        String sig = SasTokens.encode(SharedAccessSignature.sign(KEY, "myhub.azure-devices.net", 1_700_000_000L));
        assertThat(token).isEqualTo("SharedAccessSignature sr=myhub.azure-devices.net&sig=" + sig
                + "&se=1700000000&skn=iothubowner");
    }

    @Test
    void deviceTokenSignsTheResourceAsGivenWithoutAPolicy() {
        String resource = "localhost/devices/d1/modules/m1";
        String token = SasTokens.deviceToken(KEY, resource, 1_700_000_000L);
        assertThat(token).isEqualTo(SharedAccessSignature.create(KEY, resource, 1_700_000_000L, null))
                .startsWith("SharedAccessSignature sr=localhost/devices/d1/modules/m1&sig=")
                .endsWith("&se=1700000000").doesNotContain("skn=");
    }
}
