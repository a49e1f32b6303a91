package io.twinkit.query;

import static io.twinkit.query.TwinQuery.count;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.max;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.tag;
import static io.twinkit.query.TwinQuery.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.ConnectionState;
import io.twinkit.core.DeviceStatus;
import java.util.List;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Equality contracts of the DSL's value types; their constructors reject null, so null fields cannot occur. */
class DslValueContractTest {

    private static final QueryPath RED_PATH = QueryPath.of("tags", "red");
    private static final QueryPath BLUE_PATH = QueryPath.of("tags", "blue");

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {Field.class, StringField.class, NumberField.class, BooleanField.class, TimeField.class,
            EnumField.class, NumberExpression.class, SelectItem.class, Aggregation.class, SelectClause.class})
    void equalsAndHashCodeAreStructural(Class<?> type) {
        EqualsVerifier.forClass(type)
                .withPrefabValues(QueryPath.class, RED_PATH, BLUE_PATH)
                .withPrefabValues(Expression.class, RED_PATH, Literal.of(1))
                .withPrefabValues(Selectable.class, RED_PATH, Aggregate.count())
                .withPrefabValues(Projection.class, Projection.of(RED_PATH), new Projection(BLUE_PATH, "b"))
                .withPrefabValues(Aggregate.class, Aggregate.count(), new Aggregate(AggregateFunction.MAX, RED_PATH))
                .suppress(Warning.NULL_FIELDS)
                .verify();
    }

    @Test
    void differentKindsOfFieldOnOnePathAreNotEqual() {
        QueryPath path = QueryPath.of("version");
        List<Object> fields = List.of(new Field(path), new StringField(path), new NumberField(path),
                new BooleanField(path), new TimeField(path), new EnumField<>(path, DeviceStatus.class),
                new EnumField<>(path, ConnectionState.class));

        for (int i = 0; i < fields.size(); i++) {
            for (int j = 0; j < fields.size(); j++) {
                assertThat(fields.get(i).equals(fields.get(j))).as(i + " vs " + j).isEqualTo(i == j);
            }
            assertThat(fields.get(i)).hasToString("version");
        }
    }

    @Test
    void valuesRenderTheirSqlAndExposeTheirTree() {
        assertThat(count()).hasToString("COUNT()").isEqualTo(count()).hasSameHashCodeAs(count());
        assertThat(max(version()).aggregate()).isEqualTo(new Aggregate(AggregateFunction.MAX, version().path()));
        assertThat(max(version()).as("v")).hasToString("MAX(version) AS v").isEqualTo(max(version()).as("v"))
                .isNotEqualTo(max(version()).as("w"));
        assertThat(count().as("n").outputName()).isEqualTo("n");
        assertThat(tag("x").as("y").projection()).isEqualTo(new Projection(tag("x").path(), "y"));
        assertThat(reported("t").times(2)).isEqualTo(reported("t").times(2)).isNotEqualTo(reported("t").times(3))
                .hasSameHashCodeAs(reported("t").times(2));
        assertThat(select(deviceId()).hashCode()).isEqualTo(select(deviceId()).hashCode());
    }
}
