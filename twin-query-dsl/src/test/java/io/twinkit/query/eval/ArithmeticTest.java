package io.twinkit.query.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Arithmetic;
import io.twinkit.query.ArithmeticOperator;
import io.twinkit.query.Expression;
import io.twinkit.query.Literal;
import io.twinkit.query.Negation;
import io.twinkit.query.QueryPath;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Arithmetic and unary minus: exact integers, doubles, and undefined for everything else. */
class ArithmeticTest {

    private static final TwinDocument TWIN = TwinDocument.builder(DeviceId.of("d1"))
            .tags(PropertySet.of(JsonValue.parse("{\"n\": 7, \"s\": \"7\", \"b\": true, \"o\": {}}").asObject()))
            .build();

    private static Optional<JsonValue> eval(Expression expression) {
        return CompiledQuery.evaluate(expression, TWIN);
    }

    private static Optional<JsonValue> eval(Expression left, ArithmeticOperator op, Expression right) {
        return eval(new Arithmetic(left, op, right));
    }

    private static JsonNumber number(Expression left, ArithmeticOperator op, Expression right) {
        return eval(left, op, right).orElseThrow().asNumber();
    }

    private static JsonNumber big(String value) {
        return JsonNumber.of(new BigInteger(value));
    }

    @Test
    void integersStayIntegers() {
        JsonNumber sum = number(Literal.of(2), ArithmeticOperator.ADD, Literal.of(3));
        assertThat(sum).isEqualTo(JsonNumber.of(5));
        assertThat(sum.isIntegral()).isTrue();
        assertThat(number(Literal.of(2), ArithmeticOperator.SUBTRACT, Literal.of(3))).isEqualTo(JsonNumber.of(-1));
        assertThat(number(Literal.of(-4), ArithmeticOperator.MULTIPLY, Literal.of(3))).isEqualTo(JsonNumber.of(-12));
        JsonNumber exact = number(Literal.of(6), ArithmeticOperator.DIVIDE, Literal.of(3));
        assertThat(exact).isEqualTo(JsonNumber.of(2));
        assertThat(exact.isIntegral()).isTrue();
    }

    @Test
    void inexactIntegerDivisionGivesADouble() {
        JsonNumber half = number(Literal.of(7), ArithmeticOperator.DIVIDE, Literal.of(2));
        assertThat(half.isIntegral()).isFalse();
        assertThat(half.doubleValue()).isEqualTo(3.5);
        assertThat(number(Literal.of(1), ArithmeticOperator.DIVIDE, Literal.of(3)).doubleValue()).isEqualTo(1.0 / 3);
        assertThat(number(Literal.of(-7), ArithmeticOperator.DIVIDE, Literal.of(2)).doubleValue()).isEqualTo(-3.5);
    }

    @Test
    void anyDoubleGivesADouble() {
        JsonNumber sum = number(Literal.of(1), ArithmeticOperator.ADD, Literal.of(0.5));
        assertThat(sum.isIntegral()).isFalse();
        assertThat(sum.doubleValue()).isEqualTo(1.5);
        JsonNumber product = number(Literal.of(2.0), ArithmeticOperator.MULTIPLY, Literal.of(3));
        assertThat(product.isIntegral()).isFalse();
        assertThat(product).isEqualTo(JsonNumber.of(6));
        assertThat(number(Literal.of(0.1), ArithmeticOperator.ADD, Literal.of(0.2)).doubleValue())
                .isEqualTo(0.1 + 0.2);
    }

    @Test
    void moduloHasTheSignOfTheDividend() {
        assertThat(number(Literal.of(7), ArithmeticOperator.MODULO, Literal.of(3))).isEqualTo(JsonNumber.of(1));
        assertThat(number(Literal.of(-7), ArithmeticOperator.MODULO, Literal.of(3))).isEqualTo(JsonNumber.of(-1));
        assertThat(number(Literal.of(7), ArithmeticOperator.MODULO, Literal.of(-3))).isEqualTo(JsonNumber.of(1));
        assertThat(number(Literal.of(-7.5), ArithmeticOperator.MODULO, Literal.of(2)).doubleValue()).isEqualTo(-1.5);
        assertThat(number(Literal.of(Long.MIN_VALUE), ArithmeticOperator.MODULO, Literal.of(-1)))
                .isEqualTo(JsonNumber.of(0));
    }

    @Test
    void aZeroDivisorIsUndefined() {
        assertThat(eval(Literal.of(1), ArithmeticOperator.DIVIDE, Literal.of(0))).isEmpty();
        assertThat(eval(Literal.of(1), ArithmeticOperator.MODULO, Literal.of(0))).isEmpty();
        assertThat(eval(Literal.of(1.5), ArithmeticOperator.DIVIDE, Literal.of(0.0))).isEmpty();
        assertThat(eval(Literal.of(1), ArithmeticOperator.DIVIDE, Literal.of(-0.0))).isEmpty();
        assertThat(eval(Literal.of(1.5), ArithmeticOperator.MODULO, Literal.of(0))).isEmpty();
        assertThat(eval(Literal.of(0), ArithmeticOperator.DIVIDE, Literal.of(0))).isEmpty();
        assertThat(eval(Literal.of(big("100000000000000000000")), ArithmeticOperator.DIVIDE, Literal.of(0)))
                .isEmpty();
        assertThat(eval(Literal.of(big("100000000000000000000")), ArithmeticOperator.MODULO, Literal.of(0)))
                .isEmpty();
    }

    @Test
    void longOverflowFallsBackToExactIntegers() {
        assertThat(number(Literal.of(Long.MAX_VALUE), ArithmeticOperator.ADD, Literal.of(1)))
                .isEqualTo(big("9223372036854775808"));
        assertThat(number(Literal.of(Long.MIN_VALUE), ArithmeticOperator.SUBTRACT, Literal.of(1)))
                .isEqualTo(big("-9223372036854775809"));
        assertThat(number(Literal.of(Long.MAX_VALUE), ArithmeticOperator.MULTIPLY, Literal.of(Long.MAX_VALUE)))
                .isEqualTo(big("85070591730234615847396907784232501249"));
        assertThat(number(Literal.of(Long.MIN_VALUE), ArithmeticOperator.DIVIDE, Literal.of(-1)))
                .isEqualTo(big("9223372036854775808"));
        JsonNumber product = number(Literal.of(1L << 40), ArithmeticOperator.MULTIPLY, Literal.of(1L << 40));
        assertThat(product.isIntegral()).isTrue();
        assertThat(product.bigIntegerValueOrNull()).isEqualTo(BigInteger.ONE.shiftLeft(80));
    }

    @Test
    void nonOverflowingEdgesStayLongs() {
        assertThat(number(Literal.of(Long.MAX_VALUE), ArithmeticOperator.ADD, Literal.of(Long.MIN_VALUE)))
                .isEqualTo(JsonNumber.of(-1));
        assertThat(number(Literal.of(Long.MIN_VALUE), ArithmeticOperator.MULTIPLY, Literal.of(1)))
                .isEqualTo(JsonNumber.of(Long.MIN_VALUE));
        assertThat(number(Literal.of(-1), ArithmeticOperator.SUBTRACT, Literal.of(Long.MAX_VALUE)))
                .isEqualTo(JsonNumber.of(Long.MIN_VALUE));
    }

    @Test
    void bigIntegersComputeExactly() {
        JsonNumber huge = big("100000000000000000000");
        assertThat(number(Literal.of(huge), ArithmeticOperator.SUBTRACT, Literal.of(huge))).isEqualTo(JsonNumber.of(0));
        assertThat(number(Literal.of(huge), ArithmeticOperator.MODULO, Literal.of(7)))
                .isEqualTo(JsonNumber.of(new BigInteger("100000000000000000000").mod(BigInteger.valueOf(7))));
        assertThat(number(Literal.of(huge), ArithmeticOperator.DIVIDE, Literal.of(4)))
                .isEqualTo(big("25000000000000000000"));
        JsonNumber third = number(Literal.of(huge), ArithmeticOperator.DIVIDE, Literal.of(3));
        assertThat(third.isIntegral()).isFalse();
        assertThat(third.doubleValue()).isEqualTo(1e20 / 3);
        // rounding 2^53 + 3 to a double before dividing would give 3002399751580332.0
        JsonNumber precise = number(Literal.of(9007199254740995L), ArithmeticOperator.DIVIDE, Literal.of(3));
        assertThat(precise.doubleValue()).isEqualTo(3002399751580331.5);
    }

    @Test
    void nonFiniteDoubleResultsAreUndefined() {
        assertThat(eval(Literal.of(Double.MAX_VALUE), ArithmeticOperator.MULTIPLY, Literal.of(2))).isEmpty();
        assertThat(eval(Literal.of(-Double.MAX_VALUE), ArithmeticOperator.SUBTRACT, Literal.of(Double.MAX_VALUE)))
                .isEmpty();
        assertThat(eval(Literal.of(1e300), ArithmeticOperator.DIVIDE, Literal.of(1e-300))).isEmpty();
    }

    @Test
    void nonNumericOperandsAreUndefined() {
        QueryPath n = QueryPath.of("tags", "n");
        Expression[] others = {QueryPath.of("tags", "s"), QueryPath.of("tags", "b"), QueryPath.of("tags", "o"),
            QueryPath.of("tags", "missing"), Literal.nullValue(), Literal.undefined(), Literal.of("7")};
        for (ArithmeticOperator op : ArithmeticOperator.values()) {
            assertThat(eval(n, op, Literal.of(1))).as("%s", op).isPresent();
            for (Expression other : others) {
                assertThat(eval(n, op, other)).as("%s %s", op, other).isEmpty();
                assertThat(eval(other, op, n)).as("%s %s", other, op).isEmpty();
            }
        }
    }

    @Test
    void negationNegatesNumbersOnly() {
        assertThat(eval(new Negation(QueryPath.of("tags", "n")))).contains(JsonNumber.of(-7));
        assertThat(eval(new Negation(Literal.of(2.5)))).contains(JsonNumber.of(-2.5));
        assertThat(eval(new Negation(Literal.of(Long.MIN_VALUE)))).contains(big("9223372036854775808"));
        assertThat(eval(new Negation(Literal.of(big("9223372036854775808"))))).contains(JsonNumber.of(Long.MIN_VALUE));
        assertThat(eval(new Negation(new Negation(Literal.of(3))))).contains(JsonNumber.of(3));
        assertThat(eval(new Negation(QueryPath.of("tags", "s")))).isEmpty();
        assertThat(eval(new Negation(Literal.of(true)))).isEmpty();
        assertThat(eval(new Negation(Literal.undefined()))).isEmpty();
        JsonNumber negatedInteger = eval(new Negation(Literal.of(4))).orElseThrow().asNumber();
        assertThat(negatedInteger.isIntegral()).isTrue();
    }

    @Test
    void arithmeticNests() {
        Expression expression = new Arithmetic(new Arithmetic(QueryPath.of("tags", "n"), ArithmeticOperator.MULTIPLY,
                Literal.of(2)), ArithmeticOperator.SUBTRACT, new Negation(Literal.of(1.5)));
        assertThat(eval(expression)).contains(JsonNumber.of(15.5));
    }

    @Test
    void constantsFoldedOncePerQueryGiveWhatEachTwinWouldHaveComputed() {
        Expression sum = Literal.of(1);
        for (int i = 0; i < 255; i++) {
            sum = new Arithmetic(sum, ArithmeticOperator.ADD, Literal.of(1));
        }
        assertThat(eval(sum)).contains(JsonNumber.of(256));
        assertThat(eval(new Arithmetic(sum, ArithmeticOperator.MULTIPLY, QueryPath.of("tags", "n"))))
                .contains(JsonNumber.of(256 * 7));
        Expression undefined = new Arithmetic(Literal.of("a"), ArithmeticOperator.ADD, Literal.of(1));
        assertThat(eval(new Arithmetic(undefined, ArithmeticOperator.ADD, Literal.of(1)))).isEmpty();
        assertThat(eval(new Negation(new Arithmetic(Literal.of(1), ArithmeticOperator.DIVIDE, Literal.of(0)))))
                .isEmpty();
        assertThat(eval(new Negation(new Arithmetic(Literal.of(1), ArithmeticOperator.DIVIDE, Literal.of(2)))))
                .contains(JsonNumber.of(-0.5));
        assertThat(eval(new Negation(Literal.of(true)))).isEmpty();
    }
}
