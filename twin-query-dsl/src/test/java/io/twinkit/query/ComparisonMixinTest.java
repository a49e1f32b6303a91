package io.twinkit.query;

import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.lastActivityTime;
import static io.twinkit.query.TwinQuery.moduleId;
import static io.twinkit.query.TwinQuery.statusUpdateTime;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each comparison is written once, in a mixin, and the fields that share it render the same text through it. */
class ComparisonMixinTest {

    private static final List<String> OPERATORS = List.of("eq", "ne", "lt", "le", "gt", "ge");

    private static Class<?> declaring(Class<?> type, String name, Class<?>... parameters) throws Exception {
        return type.getMethod(name, parameters).getDeclaringClass();
    }

    @Test
    void stringComparisonsAreDeclaredOnceForFieldAndStringField() throws Exception {
        for (Class<?> type : List.of(Field.class, StringField.class)) {
            for (String operator : OPERATORS) {
                assertThat(declaring(type, operator, String.class)).as(type + "." + operator)
                        .isEqualTo(StringComparisons.class);
            }
            for (String name : List.of("startsWith", "endsWith", "contains")) {
                assertThat(declaring(type, name, String.class)).isEqualTo(StringComparisons.class);
            }
            assertThat(declaring(type, "in", String[].class)).isEqualTo(StringComparisons.class);
            assertThat(declaring(type, "nin", Collection.class)).isEqualTo(StringComparisons.class);
        }
    }

    @Test
    void timeAndSameTypeComparisonsAreDeclaredOnce() throws Exception {
        for (String operator : OPERATORS) {
            assertThat(declaring(Field.class, operator, Instant.class)).isEqualTo(TimeComparisons.class);
            assertThat(declaring(TimeField.class, operator, Instant.class)).isEqualTo(TimeComparisons.class);
            assertThat(declaring(StringField.class, operator, TwinField.class)).isEqualTo(FieldComparisons.class);
            assertThat(declaring(TimeField.class, operator, TwinField.class)).isEqualTo(FieldComparisons.class);
        }
    }

    @Test
    void theSharedComparisonsRenderAsBefore() {
        Instant t = Instant.parse("2024-05-01T08:30:00.120Z");
        assertThat(tag("a").le("x")).hasToString("tags.a <= 'x'");
        assertThat(deviceId().le("x")).hasToString("deviceId <= 'x'");
        assertThat(tag("a").ge(t)).hasToString("tags.a >= '2024-05-01T08:30:00.12Z'");
        assertThat(lastActivityTime().ge(t)).hasToString("lastActivityTime >= '2024-05-01T08:30:00.12Z'");
        assertThat(deviceId().ne(moduleId())).hasToString("deviceId != moduleId");
        assertThat(lastActivityTime().lt(statusUpdateTime())).hasToString("lastActivityTime < statusUpdateTime");
        assertThat(deviceId().gt(tag("primary"))).hasToString("deviceId > tags.primary");
        assertThat(tag("a").nin(List.of("x", "y"))).hasToString("tags.a NIN ['x', 'y']");
    }
}
