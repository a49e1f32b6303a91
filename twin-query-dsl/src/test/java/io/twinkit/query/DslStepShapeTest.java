package io.twinkit.query;

import static io.twinkit.query.TwinQuery.count;
import static io.twinkit.query.TwinQuery.select;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape of the DSL's steps: each clause is set in one place, once, so a second {@code where}, {@code top} or
 * {@code groupBy} is a compile error. The compiler's view is the public methods of each step type, which is what
 * these tests read by reflection.
 */
class DslStepShapeTest {

    /** Returns the return types of {@code type}'s public instance methods named {@code name} with parameters. */
    private static List<Class<?>> setters(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getName().equals(name)
                        && m.getParameterCount() > 0)
                .map(Method::getReturnType)
                .distinct()
                .toList();
    }

    @Test
    void whereIsOnlyOnTheWhereStepAndReturnsAQueryWithoutWhere() {
        assertThat(setters(WhereStep.class, "where")).containsExactly(Query.class);
        assertThat(setters(Query.class, "where")).isEmpty();
        assertThat(Arrays.stream(Query.class.getMethods()).filter(m -> m.getName().equals("where")))
                .singleElement().satisfies(m -> assertThat(m.getParameterCount()).isZero());
    }

    @Test
    void aFinishedQueryHasNoClauseSetters() {
        for (String clause : List.of("where", "top", "groupBy", "from")) {
            assertThat(setters(Query.class, clause)).as(clause).isEmpty();
        }
        for (String clause : List.of("top", "groupBy", "from")) {
            assertThat(setters(WhereStep.class, clause)).as(clause).isEmpty();
        }
    }

    @Test
    void topAndGroupBySetOnceInTextOrder() {
        Map<Class<?>, List<String>> clauses = Map.of(
                SelectStep.class, List.of("top", "groupBy", "from"),
                GroupByStep.class, List.of("groupBy", "from"),
                FromStep.class, List.of("from"));
        clauses.forEach((step, allowed) -> {
            for (String clause : List.of("top", "groupBy", "from", "where")) {
                assertThat(setters(step, clause)).as(step.getSimpleName() + "." + clause)
                        .hasSize(allowed.contains(clause) ? 1 : 0);
            }
        });
        assertThat(setters(SelectStep.class, "top")).containsExactly(GroupByStep.class);
        assertThat(setters(SelectStep.class, "groupBy")).containsExactly(FromStep.class);
        assertThat(setters(GroupByStep.class, "groupBy")).containsExactly(FromStep.class);
        assertThat(setters(FromStep.class, "from")).containsExactly(WhereStep.class);
    }

    @Test
    void everyPathThroughTheStepsRendersItsClausesOnce() {
        assertThat(select(tag("a"), count().as("n")).top(2).groupBy(tag("a")).fromDevices()
                .where(tag("b").eq(1)).toSql())
                .isEqualTo("SELECT TOP 2 tags.a, COUNT() AS n FROM devices WHERE tags.b = 1 GROUP BY tags.a");
        assertThat(selectAll().top(2).fromDevices().where(tag("b").eq(1)))
                .isEqualTo(Query.parse("SELECT TOP 2 * FROM devices WHERE tags.b = 1"));
        assertThat(selectAll().fromJobs()).isEqualTo(Query.parse("SELECT * FROM devices.jobs"))
                .hasSameHashCodeAs(Query.parse("SELECT * FROM devices.jobs"));
    }
}
