package io.twinkit.query;

import static io.twinkit.query.TwinQuery.desired;
import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.tag;
import static io.twinkit.query.TwinQuery.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldTest {

    private static final Field T = reported("t");
    private static final Instant NOON = Instant.parse("2024-05-01T12:00:00Z");

    static Stream<Arguments> comparisons() {
        return Stream.of(
                Arguments.of(T.eq("a"), "properties.reported.t = 'a'"),
                Arguments.of(T.ne("a"), "properties.reported.t != 'a'"),
                Arguments.of(T.lt("a"), "properties.reported.t < 'a'"),
                Arguments.of(T.le("a"), "properties.reported.t <= 'a'"),
                Arguments.of(T.gt("a"), "properties.reported.t > 'a'"),
                Arguments.of(T.ge("a"), "properties.reported.t >= 'a'"),
                Arguments.of(T.eq(""), "properties.reported.t = ''"),
                Arguments.of(T.eq(7), "properties.reported.t = 7"),
                Arguments.of(T.ne(7L), "properties.reported.t != 7"),
                Arguments.of(T.lt(-70), "properties.reported.t < -70"),
                Arguments.of(T.le(Long.MAX_VALUE), "properties.reported.t <= 9223372036854775807"),
                Arguments.of(T.gt(Long.MIN_VALUE), "properties.reported.t > -9223372036854775808"),
                Arguments.of(T.ge(0), "properties.reported.t >= 0"),
                Arguments.of(T.eq(7.0), "properties.reported.t = 7.0"),
                Arguments.of(T.ne(0.1), "properties.reported.t != 0.1"),
                Arguments.of(T.lt(1e21), "properties.reported.t < 1000000000000000000000.0"),
                Arguments.of(T.le(1e-7), "properties.reported.t <= 0.0000001"),
                Arguments.of(T.gt(-2.5), "properties.reported.t > -2.5"),
                Arguments.of(T.ge(0.30000000000000004), "properties.reported.t >= 0.30000000000000004"),
                Arguments.of(T.eq(true), "properties.reported.t = true"),
                Arguments.of(T.ne(false), "properties.reported.t != false"),
                Arguments.of(T.eq(NOON), "properties.reported.t = '2024-05-01T12:00:00Z'"),
                Arguments.of(T.ne(NOON), "properties.reported.t != '2024-05-01T12:00:00Z'"),
                Arguments.of(T.lt(NOON), "properties.reported.t < '2024-05-01T12:00:00Z'"),
                Arguments.of(T.le(NOON), "properties.reported.t <= '2024-05-01T12:00:00Z'"),
                Arguments.of(T.gt(NOON), "properties.reported.t > '2024-05-01T12:00:00Z'"),
                Arguments.of(T.ge(NOON), "properties.reported.t >= '2024-05-01T12:00:00Z'"),
                Arguments.of(T.eq(desired("t")), "properties.reported.t = properties.desired.t"),
                Arguments.of(T.ne(desired("t")), "properties.reported.t != properties.desired.t"),
                Arguments.of(T.lt(version()), "properties.reported.t < version"),
                Arguments.of(T.le(version()), "properties.reported.t <= version"),
                Arguments.of(T.gt(T), "properties.reported.t > properties.reported.t"),
                Arguments.of(T.ge(desired("t").plus(1)), "properties.reported.t >= (properties.desired.t + 1)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("comparisons")
    void comparisonsRenderExactly(Condition condition, String sql) {
        assertThat(condition).hasToString(sql);
    }

    @Test
    void comparisonsBuildTheTreeTheParserReads() {
        assertThat(T.eq("a").expression())
                .isEqualTo(new Comparison(QueryPath.of("properties", "reported", "t"), ComparisonOperator.EQUAL,
                        Literal.of("a")));
        assertThat(T.lt(-70).expression()).isEqualTo(new Comparison(T.path(), ComparisonOperator.LESS,
                Literal.of(-70)));
        assertThat(T.eq(1).expression()).isNotEqualTo(T.eq(1.0).expression());
        assertThat(T.eq(desired("t")).expression()).isEqualTo(new Comparison(T.path(), ComparisonOperator.EQUAL,
                desired("t").path()));
    }

    @Test
    void instantsAreWrittenAsTheServiceStoresThem() {
        assertThat(T.eq(Instant.parse("2021-09-10T17:03:18.9761939Z")))
                .hasToString("properties.reported.t = '2021-09-10T17:03:18.9761939Z'");
        assertThat(T.eq(Instant.parse("2021-09-20T21:58:00.886330Z")))
                .hasToString("properties.reported.t = '2021-09-20T21:58:00.88633Z'");
        assertThat(T.eq(Instant.parse("2021-09-20T21:58:00.100Z")))
                .hasToString("properties.reported.t = '2021-09-20T21:58:00.1Z'");
        assertThat(T.eq(Instant.parse("2021-09-20T21:58:00.000000100Z")))
                .hasToString("properties.reported.t = '2021-09-20T21:58:00.0000001Z'");
        assertThat(T.eq(Instant.parse("2021-09-20T21:58:00.123456789Z")))
                .as("finer than the 100 ns ticks the service stores is truncated")
                .hasToString("properties.reported.t = '2021-09-20T21:58:00.1234567Z'");
        assertThat(T.eq(Instant.parse("2021-09-20T21:58:00.000000099Z")))
                .hasToString("properties.reported.t = '2021-09-20T21:58:00Z'");
        assertThat(T.eq(TwinTime.NEVER)).hasToString("properties.reported.t = '0001-01-01T00:00:00Z'");
        assertThat(T.eq(Instant.parse("2024-05-01T00:00:00+02:00").plusNanos(5_000_000)))
                .hasToString("properties.reported.t = '2024-04-30T22:00:00.005Z'");
        assertThat(T.eq(NOON).expression()).isEqualTo(new Comparison(T.path(), ComparisonOperator.EQUAL,
                Literal.of("2024-05-01T12:00:00Z")));
    }

    @Test
    void membershipListsRenderAsArrayLiterals() {
        assertThat(tag("region").in("US", "EU")).hasToString("tags.region IN ['US', 'EU']");
        assertThat(tag("region").in(new ArrayList<>(List.of("US", "EU", "APAC"))))
                .hasToString("tags.region IN ['US', 'EU', 'APAC']");
        assertThat(tag("region").nin("US", "EU")).hasToString("tags.region NIN ['US', 'EU']");
        assertThat(tag("region").nin(new LinkedHashSet<>(List.of("b", "a")))).hasToString("tags.region NIN ['b', 'a']");
        assertThat(tag("floor").in(1, 2, -3)).hasToString("tags.floor IN [1, 2, -3]");
        assertThat(tag("floor").nin(1L, 2L)).hasToString("tags.floor NIN [1, 2]");
        assertThat(tag("floor").in(1.5, 3.0)).hasToString("tags.floor IN [1.5, 3.0]");
        assertThat(tag("floor").nin(0.1, 2)).hasToString("tags.floor NIN [0.1, 2.0]");
        assertThat(tag("x").in("a", "a")).hasToString("tags.x IN ['a', 'a']");
        assertThat(tag("x").in("a", "b").expression()).isInstanceOf(InList.class);
    }

    @Test
    void aSingleValueListIsAComparison() {
        assertThat(tag("region").in("US")).hasToString("tags.region = 'US'").isEqualTo(tag("region").eq("US"));
        assertThat(tag("region").in(List.of("US"))).isEqualTo(tag("region").eq("US"));
        assertThat(tag("region").nin("US")).hasToString("tags.region != 'US'").isEqualTo(tag("region").ne("US"));
        assertThat(tag("region").nin(List.of("US"))).isEqualTo(tag("region").ne("US"));
        assertThat(tag("floor").in(3)).isEqualTo(tag("floor").eq(3));
        assertThat(tag("floor").nin(3)).isEqualTo(tag("floor").ne(3));
        assertThat(tag("floor").in(3.5)).isEqualTo(tag("floor").eq(3.5));
        assertThat(tag("floor").nin(3.5)).hasToString("tags.floor != 3.5");
    }

    @Test
    void anEmptyListIsRejectedNamingThePath() {
        assertThatThrownBy(() -> tag("region").in(new String[0])).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("tags.region IN []").hasMessageContaining("never match");
        assertThatThrownBy(() -> tag("region").in(List.of())).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> tag("region").nin(new String[0])).isInstanceOf(InvalidQueryException.class)
                .hasMessageStartingWith("tags.region NIN []").hasMessageContaining("excludes nothing");
        assertThatThrownBy(() -> tag("region").nin(List.of())).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> tag("floor").in(new long[0])).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> tag("floor").nin(new long[0])).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> tag("floor").in(new double[0])).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> tag("floor").nin(new double[0])).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void nonFiniteNumbersAndNullsAreRejected() {
        assertThatThrownBy(() -> T.eq(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> T.gt(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> T.in(1.0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> T.times(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> T.eq((String) null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> T.lt((Instant) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("instant");
        assertThatThrownBy(() -> T.eq((Numeric) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other");
        assertThatThrownBy(() -> T.plus((Numeric) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("other");
        assertThatThrownBy(() -> T.in("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("values[1]");
        assertThatThrownBy(() -> T.in(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class)
                .hasMessage("values[1]");
        assertThatThrownBy(() -> T.in((String[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("values");
        assertThatThrownBy(() -> T.nin((long[]) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("values");
        assertThatThrownBy(() -> T.startsWith(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("argument");
        assertThatThrownBy(() -> T.as(null)).isInstanceOf(NullPointerException.class).hasMessage("alias");
    }

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                Arguments.of(T.plus(1), "properties.reported.t + 1"),
                Arguments.of(T.plus(1.5), "properties.reported.t + 1.5"),
                Arguments.of(T.plus(desired("t")), "properties.reported.t + properties.desired.t"),
                Arguments.of(T.minus(-5), "properties.reported.t - -5"),
                Arguments.of(T.minus(0.5), "properties.reported.t - 0.5"),
                Arguments.of(T.minus(version()), "properties.reported.t - version"),
                Arguments.of(T.times(2), "properties.reported.t * 2"),
                Arguments.of(T.times(2.0), "properties.reported.t * 2.0"),
                Arguments.of(T.times(T), "properties.reported.t * properties.reported.t"),
                Arguments.of(T.dividedBy(4), "properties.reported.t / 4"),
                Arguments.of(T.dividedBy(0.5), "properties.reported.t / 0.5"),
                Arguments.of(T.dividedBy(version()), "properties.reported.t / version"),
                Arguments.of(T.mod(2), "properties.reported.t % 2"),
                Arguments.of(T.mod(2.5), "properties.reported.t % 2.5"),
                Arguments.of(T.mod(desired("n")), "properties.reported.t % properties.desired.n"),
                Arguments.of(T.negate(), "-(properties.reported.t)"),
                Arguments.of(T.times(9).dividedBy(5).plus(32), "properties.reported.t * 9 / 5 + 32"),
                Arguments.of(T.times(desired("a").plus(1)), "properties.reported.t * (properties.desired.a + 1)"),
                Arguments.of(T.plus(1).negate(), "-(properties.reported.t + 1)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("arithmetic")
    void arithmeticRendersWithFullParentheses(NumberExpression expression, String sql) {
        assertThat(expression).hasToString(sql);
    }

    @Test
    void arithmeticComparesAndBuildsTheTree() {
        NumberExpression doubled = T.times(2);

        assertThat(doubled.expression()).isEqualTo(new Arithmetic(T.path(), ArithmeticOperator.MULTIPLY,
                Literal.of(2)));
        assertThat(T.negate().expression()).isEqualTo(new Negation(T.path()));
        assertThat(doubled.gt(60)).hasToString("(properties.reported.t * 2) > 60");
        assertThat(doubled.eq(1.5)).hasToString("(properties.reported.t * 2) = 1.5");
        assertThat(doubled.ne(T)).hasToString("(properties.reported.t * 2) != properties.reported.t");
        assertThat(doubled.le(version().plus(1))).hasToString("(properties.reported.t * 2) <= (version + 1)");
        assertThat(doubled.in(2, 4)).hasToString("(properties.reported.t * 2) IN [2, 4]");
        assertThat(doubled.nin(2)).hasToString("(properties.reported.t * 2) != 2");
        assertThat(T.mod(2).eq(0).and(T.ge(0))).hasToString(
                "(properties.reported.t % 2) = 0 AND properties.reported.t >= 0");
    }

    @Test
    void functionsCallWithTheFieldAndAStringLiteral() {
        assertThat(T.isDefined()).hasToString("IS_DEFINED(properties.reported.t)");
        assertThat(T.isNotDefined()).hasToString("NOT (IS_DEFINED(properties.reported.t))");
        assertThat(T.isNotDefined().expression()).isEqualTo(new Not(FunctionCall.of(QueryFunction.IS_DEFINED,
                T.path())));
        assertThat(T.startsWith("ab")).hasToString("STARTSWITH(properties.reported.t, 'ab')");
        assertThat(T.startsWith("")).hasToString("STARTSWITH(properties.reported.t, '')");
        assertThat(T.endsWith("z'")).hasToString("ENDSWITH(properties.reported.t, 'z\\'')");
        assertThat(T.contains("\\")).hasToString("CONTAINS(properties.reported.t, '\\\\')");
        assertThat(T.contains("x").expression()).isEqualTo(FunctionCall.of(QueryFunction.CONTAINS, T.path(),
                Literal.of("x")));
        assertThat(QueryFunction.ENDSWITH.mayBeRejectedByService()).isTrue();
        assertThat(QueryFunction.STARTSWITH.mayBeRejectedByService()).isFalse();
    }

    @Test
    void aFieldSelectsItselfOrUnderAnAlias() {
        assertThat(T.projection()).isEqualTo(Projection.of(T.path()));
        assertThat(T.as("temp").projection()).isEqualTo(new Projection(T.path(), "temp"));
        assertThat(T.as("temp")).hasToString("properties.reported.t AS temp");
        assertThat(T.as("temp").outputName()).isEqualTo("temp");
        assertThat(tag("group").as("g")).hasToString("tags.[[group]] AS g");
    }

    @Test
    void aFieldIsItsPath() {
        assertThat(tag("location.plant").path()).isEqualTo(QueryPath.of("tags", "location", "plant"));
        assertThat(tag("location.plant").expression()).isEqualTo(tag("location.plant").path());
        assertThat(tag("location.plant")).isEqualTo(tag("location.plant")).hasToString("tags.location.plant")
                .hasSameHashCodeAs(tag("location.plant")).isNotEqualTo(tag("location.Plant"))
                .isNotEqualTo(desired("location.plant"));
        assertThat(deviceId().path()).isEqualTo(TwinQuery.field("deviceId").path());
        assertThat((Object) TwinQuery.field("deviceId")).isNotEqualTo(deviceId());
    }
}
