package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

class TwinKeyTest {

    @Test
    void parsesAndPrintsDeviceAndModuleKeys() {
        TwinKey device = TwinKey.parse("dev-1");
        TwinKey module = TwinKey.parse("dev-1/mod.a");

        assertThat(device).isEqualTo(TwinKey.device("dev-1")).hasToString("dev-1");
        assertThat(device.isModule()).isFalse();
        assertThat(device.module()).isEmpty();
        assertThat(module).isEqualTo(TwinKey.module("dev-1", "mod.a")).hasToString("dev-1/mod.a");
        assertThat(module.module()).contains(ModuleId.of("mod.a"));
        assertThat(module.deviceKey()).isEqualTo(device);
        assertThat(device.deviceKey()).isSameAs(device);
    }

    @Test
    void refusesInvalidIdsNamingThem() {
        assertThatThrownBy(() -> TwinKey.parse("dev 1")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> TwinKey.parse("dev/")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> new TwinKey(null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("deviceId");
    }

    @Test
    void ordersADeviceBeforeItsModulesAndDevicesById() {
        TreeSet<TwinKey> keys = new TreeSet<>(List.of(TwinKey.parse("b"), TwinKey.parse("a/z"), TwinKey.parse("a"),
                TwinKey.parse("a/m")));

        assertThat(keys).extracting(TwinKey::toString).containsExactly("a", "a/m", "a/z", "b");
    }

    @Test
    void isAValue() {
        EqualsVerifier.forClass(TwinKey.class).withNonnullFields("deviceId").verify();
    }
}
