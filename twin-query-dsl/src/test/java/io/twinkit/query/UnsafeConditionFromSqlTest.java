package io.twinkit.query;

import static io.twinkit.query.TwinQuery.and;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.field;
import static io.twinkit.query.TwinQuery.iotEdge;
import static io.twinkit.query.TwinQuery.lastActivityTime;
import static io.twinkit.query.TwinQuery.not;
import static io.twinkit.query.TwinQuery.or;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.status;
import static io.twinkit.query.TwinQuery.tag;
import static io.twinkit.query.TwinQuery.unsafeConditionFromSql;
import static io.twinkit.query.TwinQuery.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loudly named escape hatch: SQL text parsed into the same checked trees the DSL builds. */
class UnsafeConditionFromSqlTest {

    @Test
    void unsafeConditionFromSqlParsesIntoACheckedTree() {
        Condition mixed = unsafeConditionFromSql("tags.floor in [3, '3']");

        assertThat(mixed.expression()).isInstanceOf(InList.class);
        assertThat(mixed).hasToString("tags.floor IN [3, '3']");
        assertThat(unsafeConditionFromSql("Tags.location.plant = 'Redmond43'"))
                .isEqualTo(tag("location.plant").eq("Redmond43"));
        assertThat(unsafeConditionFromSql("NOT Is_Defined(tags.[[group]]) or tags.[[group]] <> \"a\""))
                .isEqualTo(tag("group").isNotDefined().or(tag("group").ne("a")));
        assertThat(selectAll().fromDevices().where(mixed.and(tag("owner").eq("x' OR '1'='1"))).toSql())
                .isEqualTo("SELECT * FROM devices WHERE tags.floor IN [3, '3']"
                        + " AND tags.owner = 'x\\' OR \\'1\\'=\\'1'");
    }

    @Test
    void everyDslConditionReadsBackFromItsSql() {
        List<Condition> conditions = List.of(tag("location.plant").eq("Redmond43")
                        .and(reported("connectivity.type").eq("cellular")),
                and(version().gt(1), tag("floor").in(1, 2), not(tag("retired").eq(true))),
                or(deviceId().startsWith("sensor-"), deviceId().endsWith("-x"), deviceId().contains("'")),
                reported("temperature").times(9).dividedBy(5).plus(32).ge(-40.5),
                reported("t").negate().lt(reported("t").mod(3)),
                lastActivityTime().gt(Instant.parse("2024-05-01T08:30:00.1234567Z")),
                status().in(DeviceStatus.ENABLED, DeviceStatus.DISABLED).or(iotEdge().isFalse()),
                tag("note").nin("C:\\data", "line\nbreak", "O'Brien"),
                field("tags", "my-key", "group").isNotDefined());

        for (Condition condition : conditions) {
            assertThat(unsafeConditionFromSql(condition.toString())).as(condition.toString()).isEqualTo(condition);
        }
    }

    @Test
    void unsafeConditionFromSqlRejectsWhatIsNotACondition() {
        assertThatThrownBy(() -> unsafeConditionFromSql("tags.x = ")).isInstanceOf(QuerySyntaxException.class)
                .satisfies(e -> assertThat(((QuerySyntaxException) e).position()).isEqualTo(9));
        assertThatThrownBy(() -> unsafeConditionFromSql("tags.x == 1")).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> unsafeConditionFromSql("tags.group = 1")).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> unsafeConditionFromSql("tags.x = 1 ORDER BY deviceId"))
                .isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> unsafeConditionFromSql("STARTS_WITH(deviceId, 'a')"))
                .isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> unsafeConditionFromSql("")).isInstanceOf(QuerySyntaxException.class);
        assertThatThrownBy(() -> unsafeConditionFromSql("tags.x = '" + "a".repeat(Query.MAX_LENGTH) + "'"))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("8192");
        assertThatThrownBy(() -> unsafeConditionFromSql(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("sqlCondition");
    }

    @Test
    void concatenatingInputIntoUnsafeSqlChangesTheCondition() {
        String name = "x' OR '1'='1";

        Condition concatenated = unsafeConditionFromSql("tags.owner = '" + name + "'");

        assertThat(concatenated.expression()).isInstanceOf(Or.class);
        assertThat(concatenated).isNotEqualTo(tag("owner").eq(name));
        assertThat(unsafeConditionFromSql("tags.owner = " + Literal.of(name))).as("an escaped literal stays one value")
                .isEqualTo(tag("owner").eq(name));
    }
}
