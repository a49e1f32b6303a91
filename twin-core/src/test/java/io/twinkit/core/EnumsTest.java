package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The four wire enums: exact wire names, case-insensitive reading, and errors that list the accepted names. */
class EnumsTest {

    /** One enum under test: its constants, its reader and its wire-name accessor. */
    record WireEnum<E extends Enum<E>>(Class<E> type, Function<String, E> fromWireName, Function<E, String> wireName) {
        E[] constants() {
            return type.getEnumConstants();
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<WireEnum<?>> enums() {
        return Stream.of(
                new WireEnum<>(DeviceStatus.class, DeviceStatus::fromWireName, DeviceStatus::wireName),
                new WireEnum<>(ConnectionState.class, ConnectionState::fromWireName, ConnectionState::wireName),
                new WireEnum<>(AuthenticationType.class, AuthenticationType::fromWireName,
                        AuthenticationType::wireName),
                new WireEnum<>(ConfigurationStatus.class, ConfigurationStatus::fromWireName,
                        ConfigurationStatus::wireName));
    }

    static Stream<Arguments> wireNames() {
        return Stream.of(
                Arguments.of(DeviceStatus.ENABLED, "enabled"),
                Arguments.of(DeviceStatus.DISABLED, "disabled"),
                Arguments.of(ConnectionState.CONNECTED, "Connected"),
                Arguments.of(ConnectionState.DISCONNECTED, "Disconnected"),
                Arguments.of(AuthenticationType.SAS, "sas"),
                Arguments.of(AuthenticationType.SELF_SIGNED, "selfSigned"),
                Arguments.of(AuthenticationType.CERTIFICATE_AUTHORITY, "certificateAuthority"),
                Arguments.of(AuthenticationType.NONE, "none"),
                Arguments.of(ConfigurationStatus.TARGETED, "Targeted"),
                Arguments.of(ConfigurationStatus.APPLIED, "Applied"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wireNames")
    void wireNameIsTheServiceSpelling(Enum<?> constant, String wireName) {
        assertThat(constant.toString()).isEqualTo(wireName);
    }

    @Test
    void everyConstantHasAWireNameListedAbove() {
        long listed = wireNames().count();
        long declared = enums().mapToLong(e -> e.constants().length).sum();

        assertThat(listed).isEqualTo(declared);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    <E extends Enum<E>> void fromWireNameIgnoresCase(WireEnum<E> wire) {
        for (E constant : wire.constants()) {
            String name = wire.wireName().apply(constant);
            assertThat(wire.fromWireName().apply(name)).isSameAs(constant);
            assertThat(wire.fromWireName().apply(name.toUpperCase(Locale.ROOT))).isSameAs(constant);
            assertThat(wire.fromWireName().apply(name.toLowerCase(Locale.ROOT))).isSameAs(constant);
            assertThat(constant.toString()).isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enums")
    <E extends Enum<E>> void unknownNameIsRejectedListingTheAcceptedNames(WireEnum<E> wire) {
        String accepted = String.join(", ", Arrays.stream(wire.constants()).map(wire.wireName()).toList());

        for (String unknown : new String[] {"paused", "", " enabled", "Connected ", "self_signed", "SELF-SIGNED"}) {
            boolean valid = Arrays.stream(wire.constants())
                    .anyMatch(c -> wire.wireName().apply(c).equalsIgnoreCase(unknown));
            if (valid) {
                continue;
            }
            assertThatThrownBy(() -> wire.fromWireName().apply(unknown))
                    .as("%s accepted '%s'", wire, unknown)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + unknown + "'")
                    .hasMessageContaining(wire.type().getSimpleName())
                    .hasMessageContaining(accepted);
        }
    }

    @Test
    void javaConstantNamesAreNotWireNames() {
        assertThatThrownBy(() -> AuthenticationType.fromWireName("SELF_SIGNED"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sas, selfSigned, certificateAuthority, none");
        assertThatThrownBy(() -> AuthenticationType.fromWireName("CERTIFICATE_AUTHORITY"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuthenticationType.fromWireName("SELFSIGNED")).isSameAs(AuthenticationType.SELF_SIGNED);
    }

    @Test
    void unknownStatusMessageIsActionable() {
        assertThatThrownBy(() -> DeviceStatus.fromWireName("paused"))
                .hasMessage("'paused' is not a valid DeviceStatus; expected one of enabled, disabled (case-insensitive)");
    }
}
