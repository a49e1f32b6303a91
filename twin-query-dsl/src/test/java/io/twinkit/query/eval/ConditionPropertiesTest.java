package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.testing.JsonArbitraries;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Query;
import io.twinkit.query.QuerySource;
import io.twinkit.query.And;
import io.twinkit.query.Comparison;
import io.twinkit.query.ComparisonOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.FunctionCall;
import io.twinkit.query.InList;
import io.twinkit.query.Literal;
import io.twinkit.query.Not;
import io.twinkit.query.Or;
import io.twinkit.query.QueryFunction;
import io.twinkit.query.QueryPath;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

/** Three-valued logic over random twins and conditions. */
class ConditionPropertiesTest {

    private static final OptionalLong NO_TOP = OptionalLong.empty();

    private static final List<String> KEYS = List.of("a", "b", "c");

    private static final List<JsonValue> POOL = List.of(JsonString.of("a"), JsonString.of("ab"), JsonString.of(""),
            JsonString.of("\uD83D\uDE00"), JsonNumber.of(1), JsonNumber.of(1.0), JsonNumber.of(2), JsonNumber.of(-3.5),
            JsonBoolean.TRUE, JsonBoolean.FALSE);

    private static Arbitrary<JsonValue> scalars() {
        // mostly a small shared pool, so that twins and literals often meet
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(POOL)), Tuple.of(1, JsonArbitraries.scalars()));
    }

    @Provide
    Arbitrary<TwinDocument> twins() {
        Arbitrary<JsonValue> values = Arbitraries.frequencyOf(Tuple.of(5, scalars()),
                Tuple.of(1, scalars().map(v -> (JsonValue) JsonObject.of("x", v))));
        return Arbitraries.maps(Arbitraries.of(KEYS), values).ofMaxSize(3)
                .map(tags -> TwinDocument.builder(DeviceId.of("d")).tags(PropertySet.of(JsonObject.copyOf(tags)))
                        .build());
    }

    private static Arbitrary<Expression> paths() {
        return Arbitraries.of(QueryPath.of("tags", "a"), QueryPath.of("tags", "b"), QueryPath.of("tags", "c"),
                QueryPath.of("tags", "a", "x"), QueryPath.of("tags", "missing"));
    }

    private static Arbitrary<Expression> operands() {
        return Arbitraries.frequencyOf(Tuple.of(3, scalars().map(v -> (Expression) Literal.of(v))),
                Tuple.of(2, paths()), Tuple.of(1, Arbitraries.just(Literal.undefined())));
    }

    @Provide
    Arbitrary<Expression> conditions() {
        return conditions(2);
    }

    private static Arbitrary<Expression> conditions(int depth) {
        Arbitrary<Expression> comparisons = Combinators.combine(operands(), Arbitraries.of(ComparisonOperator.class),
                operands()).as((l, op, r) -> new Comparison(l, op, r));
        Arbitrary<Expression> memberships = Combinators.combine(paths(), Arbitraries.of(true, false),
                Arbitraries.of(POOL).list().ofMinSize(1).ofMaxSize(3))
                .as((path, negated, values) -> new InList(path, negated, JsonArray.copyOf(values)));
        Arbitrary<Expression> functions = Combinators.combine(
                Arbitraries.of(QueryFunction.STARTSWITH, QueryFunction.ENDSWITH, QueryFunction.CONTAINS),
                paths(), operands()).as((f, text, part) -> FunctionCall.of(f, text, part));
        Arbitrary<Expression> defined = paths().map(path -> FunctionCall.of(QueryFunction.IS_DEFINED, path));
        Arbitrary<Expression> simple = Arbitraries.oneOf(comparisons, memberships, functions, defined, paths(),
                Arbitraries.of(Literal.of(true), Literal.of(false), Literal.undefined()));
        if (depth == 0) {
            return simple;
        }
        Arbitrary<Expression> inner = Arbitraries.lazy(() -> conditions(depth - 1));
        return Arbitraries.frequencyOf(Tuple.of(4, simple),
                Tuple.of(1, inner.map(c -> (Expression) new Not(c))),
                Tuple.of(1, Combinators.combine(inner, inner).as((a, b) -> (Expression) And.of(a, b))),
                Tuple.of(1, Combinators.combine(inner, inner).as((a, b) -> (Expression) Or.of(a, b))));
    }

    private static CompiledQuery where(Expression condition) {
        return CompiledQuery.compile(Query.of(QuerySource.DEVICES, List.of(), condition, null, NO_TOP));
    }

    @Property(tries = 1000)
    void excludedMiddleFailsExactlyWhereTheConditionIsUndefined(@ForAll("twins") TwinDocument twin,
                                                               @ForAll("conditions") Expression condition) {
        Optional<Boolean> truth = where(condition).evaluateCondition(twin);
        Statistics.label("truth").collect(truth.map(String::valueOf).orElse("undefined"))
                .coverage(coverage -> {
                    coverage.check("undefined").percentage(p -> p > 10);
                    coverage.check("true").percentage(p -> p > 10);
                    coverage.check("false").percentage(p -> p > 10);
                });
        assertThat(where(Or.of(condition, new Not(condition))).matches(twin)).isEqualTo(truth.isPresent());
    }

    @Property(tries = 500)
    void aTwinMatchesExactlyWhenTheConditionIsTrue(@ForAll("twins") TwinDocument twin,
                                                   @ForAll("conditions") Expression condition) {
        CompiledQuery query = where(condition);
        Optional<Boolean> truth = query.evaluateCondition(twin);
        assertThat(query.matches(twin)).isEqualTo(truth.orElse(false));
        assertThat(query.select(List.of(twin))).hasSize(query.matches(twin) ? 1 : 0);
        Optional<JsonValue> value = CompiledQuery.evaluate(condition, twin);
        assertThat(truth).isEqualTo(value.filter(JsonBoolean.class::isInstance).map(JsonValue::asBoolean));
    }

    @Property(tries = 500)
    void notFlipsDefinedTruthAndKeepsUndefined(@ForAll("twins") TwinDocument twin,
                                               @ForAll("conditions") Expression condition) {
        Optional<Boolean> truth = where(condition).evaluateCondition(twin);
        assertThat(where(new Not(condition)).evaluateCondition(twin)).isEqualTo(truth.map(t -> !t));
        assertThat(where(And.of(condition, new Not(condition))).matches(twin)).isFalse();
    }
}
