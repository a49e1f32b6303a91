package io.twinkit.query;

import static io.twinkit.query.TwinQuery.authenticationType;
import static io.twinkit.query.TwinQuery.cloudToDeviceMessageCount;
import static io.twinkit.query.TwinQuery.connectionState;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceScope;
import static io.twinkit.query.TwinQuery.iotEdge;
import static io.twinkit.query.TwinQuery.lastActivityTime;
import static io.twinkit.query.TwinQuery.modelId;
import static io.twinkit.query.TwinQuery.moduleId;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.status;
import static io.twinkit.query.TwinQuery.statusUpdateTime;
import static io.twinkit.query.TwinQuery.tag;
import static io.twinkit.query.TwinQuery.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.AuthenticationType;
import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.WireNamed;
import io.twinkit.core.TwinTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypedFieldTest {

    private static final Instant T0 = Instant.parse("2024-05-01T08:30:00.5Z");

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of(deviceId().eq("d1"), "deviceId = 'd1'"),
                Arguments.of(deviceId().ne("d1"), "deviceId != 'd1'"),
                Arguments.of(deviceId().lt("d1"), "deviceId < 'd1'"),
                Arguments.of(deviceId().le("d1"), "deviceId <= 'd1'"),
                Arguments.of(deviceId().gt("d1"), "deviceId > 'd1'"),
                Arguments.of(deviceId().ge("d1"), "deviceId >= 'd1'"),
                Arguments.of(deviceId().eq(moduleId()), "deviceId = moduleId"),
                Arguments.of(deviceId().ne(moduleId()), "deviceId != moduleId"),
                Arguments.of(deviceId().lt(moduleId()), "deviceId < moduleId"),
                Arguments.of(deviceId().le(moduleId()), "deviceId <= moduleId"),
                Arguments.of(deviceId().gt(moduleId()), "deviceId > moduleId"),
                Arguments.of(deviceId().ge(moduleId()), "deviceId >= moduleId"),
                Arguments.of(deviceId().eq(tag("primary")), "deviceId = tags.primary"),
                Arguments.of(deviceId().ne(tag("primary")), "deviceId != tags.primary"),
                Arguments.of(deviceId().lt(tag("primary")), "deviceId < tags.primary"),
                Arguments.of(deviceId().le(tag("primary")), "deviceId <= tags.primary"),
                Arguments.of(deviceId().gt(tag("primary")), "deviceId > tags.primary"),
                Arguments.of(deviceId().ge(tag("primary")), "deviceId >= tags.primary"),
                Arguments.of(deviceId().in("a", "b"), "deviceId IN ['a', 'b']"),
                Arguments.of(deviceId().in(List.of("a", "b")), "deviceId IN ['a', 'b']"),
                Arguments.of(deviceId().in("a"), "deviceId = 'a'"),
                Arguments.of(deviceId().nin("a", "b"), "deviceId NIN ['a', 'b']"),
                Arguments.of(deviceId().nin(List.of("a", "b")), "deviceId NIN ['a', 'b']"),
                Arguments.of(deviceId().nin(List.of("a")), "deviceId != 'a'"),
                Arguments.of(deviceId().startsWith("sensor-"), "STARTSWITH(deviceId, 'sensor-')"),
                Arguments.of(deviceId().endsWith("-01"), "ENDSWITH(deviceId, '-01')"),
                Arguments.of(deviceId().contains("rd"), "CONTAINS(deviceId, 'rd')"),
                Arguments.of(modelId().eq(""), "modelId = ''"),
                Arguments.of(deviceScope().isDefined(), "IS_DEFINED(deviceScope)"),
                Arguments.of(moduleId().isNotDefined(), "NOT (IS_DEFINED(moduleId))"),
                Arguments.of(version().eq(3), "version = 3"),
                Arguments.of(version().ne(3.5), "version != 3.5"),
                Arguments.of(version().lt(cloudToDeviceMessageCount()), "version < cloudToDeviceMessageCount"),
                Arguments.of(version().le(reported("v")), "version <= properties.reported.v"),
                Arguments.of(version().gt(version().minus(1)), "version > (version - 1)"),
                Arguments.of(version().ge(-1), "version >= -1"),
                Arguments.of(version().in(1, 2), "version IN [1, 2]"),
                Arguments.of(version().in(1.5, 2), "version IN [1.5, 2.0]"),
                Arguments.of(version().nin(1), "version != 1"),
                Arguments.of(version().nin(1.0, 2.0), "version NIN [1.0, 2.0]"),
                Arguments.of(version().mod(2).eq(0), "(version % 2) = 0"),
                Arguments.of(cloudToDeviceMessageCount().isDefined(), "IS_DEFINED(cloudToDeviceMessageCount)"),
                Arguments.of(iotEdge().eq(true), "capabilities.iotEdge = true"),
                Arguments.of(iotEdge().ne(true), "capabilities.iotEdge != true"),
                Arguments.of(iotEdge().isTrue(), "capabilities.iotEdge = true"),
                Arguments.of(iotEdge().isFalse(), "capabilities.iotEdge = false"),
                Arguments.of(iotEdge().isNotDefined(), "NOT (IS_DEFINED(capabilities.iotEdge))"),
                Arguments.of(lastActivityTime().eq(T0), "lastActivityTime = '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().ne(T0), "lastActivityTime != '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().lt(T0), "lastActivityTime < '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().le(T0), "lastActivityTime <= '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().gt(T0), "lastActivityTime > '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().ge(T0), "lastActivityTime >= '2024-05-01T08:30:00.5Z'"),
                Arguments.of(lastActivityTime().eq(statusUpdateTime()), "lastActivityTime = statusUpdateTime"),
                Arguments.of(lastActivityTime().ne(statusUpdateTime()), "lastActivityTime != statusUpdateTime"),
                Arguments.of(lastActivityTime().lt(statusUpdateTime()), "lastActivityTime < statusUpdateTime"),
                Arguments.of(lastActivityTime().le(statusUpdateTime()), "lastActivityTime <= statusUpdateTime"),
                Arguments.of(lastActivityTime().gt(statusUpdateTime()), "lastActivityTime > statusUpdateTime"),
                Arguments.of(lastActivityTime().ge(statusUpdateTime()), "lastActivityTime >= statusUpdateTime"),
                Arguments.of(statusUpdateTime().eq(TwinTime.NEVER), "statusUpdateTime = '0001-01-01T00:00:00Z'"),
                Arguments.of(status().eq(DeviceStatus.ENABLED), "status = 'enabled'"),
                Arguments.of(status().ne(DeviceStatus.DISABLED), "status != 'disabled'"),
                Arguments.of(status().in(DeviceStatus.ENABLED), "status = 'enabled'"),
                Arguments.of(status().nin(DeviceStatus.ENABLED), "status != 'enabled'"),
                Arguments.of(connectionState().in(ConnectionState.values()),
                        "connectionState IN ['Connected', 'Disconnected']"),
                Arguments.of(authenticationType().nin(AuthenticationType.SAS, AuthenticationType.NONE),
                        "authenticationType NIN ['sas', 'none']"),
                Arguments.of(authenticationType().isDefined(), "IS_DEFINED(authenticationType)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("conditions")
    void typedFieldsRenderExactly(Condition condition, String sql) {
        assertThat(condition).hasToString(sql);
    }

    @Test
    void theFieldClassJavadocExamplesRenderAsDocumented() {
        assertThat(tag("location.plant").eq("Redmond43")).hasToString("tags.location.plant = 'Redmond43'");
        assertThat(tag("owner").eq("O'Brien")).hasToString("tags.owner = 'O\\'Brien'");
        assertThat(reported("temperature").gt(72.5)).hasToString("properties.reported.temperature > 72.5");
        assertThat(tag("floor").in(1, 2)).hasToString("tags.floor IN [1, 2]");
        assertThat(desired("fw").ne(reported("fw"))).hasToString("properties.desired.fw != properties.reported.fw");
        assertThat(reported("lastSeen").lt(Instant.parse("2024-05-01T00:00:00Z")))
                .hasToString("properties.reported.lastSeen < '2024-05-01T00:00:00Z'");
        assertThat(version().ge(desired("minVersion"))).hasToString("version >= properties.desired.minVersion");
        assertThat(deviceId().eq("sensor-01")).hasToString("deviceId = 'sensor-01'");
        assertThat(cloudToDeviceMessageCount().in(0, 1)).hasToString("cloudToDeviceMessageCount IN [0, 1]");
        assertThat(iotEdge().ne(true)).hasToString("capabilities.iotEdge != true");
        assertThat(lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.1234567Z")))
                .hasToString("lastActivityTime > '2024-05-01T08:30:00.1234567Z'");
        assertThat(authenticationType().in(AuthenticationType.SAS, AuthenticationType.NONE))
                .hasToString("authenticationType IN ['sas', 'none']");
    }

    @Test
    void enumValuesAreStringLiteralsInTheStoredCasing() {
        assertThat(connectionState().eq(ConnectionState.CONNECTED)).isEqualTo(Condition.of(new Comparison(
                QueryPath.of("connectionState"), ComparisonOperator.EQUAL, Literal.of("Connected"))));
        assertThat(status().eq(DeviceStatus.DISABLED)).isEqualTo(TwinQuery.field("status").eq("disabled"));
        assertThat(status().type()).isEqualTo(DeviceStatus.class);
        assertThat(connectionState().type()).isEqualTo(ConnectionState.class);
    }

    /** An enum of the user's own, spelled on the wire in another casing. */
    enum Tier implements WireNamed {
        GOLD("Gold"), SILVER("Silver");

        private final String wireName;

        Tier(String wireName) {
            this.wireName = wireName;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    @Test
    void anEnumFieldWritesAnyWireNamedEnumByItsWireName() {
        EnumField<Tier> field = new EnumField<>(QueryPath.of("tags", "tier"), Tier.class);

        assertThat(field.eq(Tier.GOLD)).isEqualTo(TwinQuery.tag("tier").eq("Gold"));
        assertThat(field.nin(Tier.GOLD, Tier.SILVER)).hasToString("tags.tier NIN ['Gold', 'Silver']");
        assertThat(WireNamed.fromWireName(Tier.class, "silver")).isEqualTo(Tier.SILVER);
    }

    @Test
    void typedListsRejectEmptinessAndNulls() {
        assertThatThrownBy(() -> deviceId().in(new String[0])).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("deviceId IN []");
        assertThatThrownBy(() -> deviceId().nin(new ArrayList<>())).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("deviceId NIN []");
        assertThatThrownBy(() -> status().in()).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("status IN []");
        assertThatThrownBy(() -> status().nin()).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("status NIN []");
        assertThatThrownBy(() -> version().in(new long[0])).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("version IN []");
        assertThatThrownBy(() -> status().in(DeviceStatus.ENABLED, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("values[1]");
        assertThatThrownBy(() -> status().eq(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> deviceId().eq((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> deviceId().eq((StringField) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other");
        assertThatThrownBy(() -> lastActivityTime().gt((Instant) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("instant");
        assertThatThrownBy(() -> lastActivityTime().gt((TimeField) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other");
        assertThatThrownBy(() -> version().gt(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typedFieldsSelectAndAliasLikeAnyField() {
        assertThat(TwinQuery.select(deviceId(), version().as("v"), iotEdge(), status().as("s"),
                lastActivityTime()).fromDevices().toSql())
                .isEqualTo("SELECT deviceId, version AS v, capabilities.iotEdge, status AS s, lastActivityTime"
                        + " FROM devices");
        assertThat(iotEdge().projection().outputName()).isEqualTo("iotEdge");
    }

    @Test
    void numberFieldsTakePartInArithmetic() {
        assertThat(version().plus(1)).hasToString("version + 1");
        assertThat(version().times(cloudToDeviceMessageCount()).dividedBy(2.0))
                .hasToString("version * cloudToDeviceMessageCount / 2.0");
        assertThat(version().minus(reported("v")).negate()).hasToString("-(version - properties.reported.v)");
        assertThat(version().expression()).isEqualTo(version().path());
    }
}
