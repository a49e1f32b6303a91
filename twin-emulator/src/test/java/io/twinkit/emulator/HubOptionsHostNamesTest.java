package io.twinkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The host names a hub's SAS tokens may name (issue 13), and the switches for a hub reached under other names. */
class HubOptionsHostNamesTest {

    private static final HubOptions MYHUB = HubOptions.builder().hubName("MyHub").build();

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost:8443", "127.0.0.1", "127.0.0.1:0", "::1", "[::1]",
        "[::1]:8883", "myhub.azure-devices.net", "MyHub.Azure-Devices.NET", "myhub.azure-devices.net:443"})
    void acceptsTheLoopbackNamesAndItsOwnHostNameInAnyCaseWithAnyPort(String host) {
        assertThat(MYHUB.acceptsHostName(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"otherhub.azure-devices.net", "myhub.azure-devices.net.evil.example", "localhost.",
        "127.0.0.2", "0.0.0.0", "::2", "[::1", "[::1]x", "[::1]:", "localhost:", "localhost:65536", "localhost:x",
        ":8443", "localhost:8443:1", "myhub", "azure-devices.net", "localhost%2Fdevices%2Fdev1", ""})
    void refusesEveryOtherHost(String host) {
        assertThat(MYHUB.acceptsHostName(host)).isFalse();
    }

    @Test
    void acceptedNamesAreAddedAndKeptWhileAnyHostAcceptsEverything() {
        HubOptions fronted = MYHUB.toBuilder().acceptHostName("Gateway.Example").acceptHostName("[FD00::1]")
                .acceptHostName("10.0.0.5").acceptHostName("gateway.example").build();
        assertThat(fronted.acceptedHostNames()).containsExactlyInAnyOrder("gateway.example", "fd00::1", "10.0.0.5");
        assertThat(fronted.hostNames()).containsExactlyInAnyOrder("localhost", "127.0.0.1", "::1",
                "myhub.azure-devices.net", "gateway.example", "fd00::1", "10.0.0.5");
        assertThat(fronted.acceptsHostName("GATEWAY.example:8443")).isTrue();
        assertThat(fronted.acceptsHostName("[fd00::1]:443")).isTrue();
        assertThat(fronted.acceptsHostName("10.0.0.5")).isTrue();
        assertThat(fronted.acceptsHostName("otherhub.azure-devices.net")).isFalse();
        assertThat(fronted.toBuilder().build().hostNames()).isEqualTo(fronted.hostNames());
        assertThat(MYHUB.acceptAnyHostName()).isFalse();

        HubOptions any = MYHUB.toBuilder().acceptAnyHostName(true).build();
        assertThat(any.acceptAnyHostName()).isTrue();
        assertThat(any.acceptsHostName("otherhub.azure-devices.net")).isTrue();
        assertThat(any.toBuilder().build().acceptAnyHostName()).isTrue();
        assertThat(HubOptions.defaults().hostNames()).contains("twinkit.azure-devices.net");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:8443", "a/b", "a b", "-gateway", "gateway-", "[::1]:8443", "::1%eth0",
        "gateway..example%2F"})
    void refusesANameThatIsNoHostName(String name) {
        assertThatThrownBy(() -> HubOptions.builder().acceptHostName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host name '" + name + "' must be a DNS name, an IPv4 address or an IPv6 literal");
    }
}
