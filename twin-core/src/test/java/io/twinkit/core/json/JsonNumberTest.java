package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equality is numeric across representations (1 equals 1.0), not field by field, so EqualsVerifier does not apply;
 * the equals/hashCode/compareTo contract is checked explicitly and as jqwik properties.
 */
class JsonNumberTest {

    private static final BigInteger TWO_POW_63 = BigInteger.ONE.shiftLeft(63);

    @Test
    void integerEqualsDoubleOfSameValue() {
        assertThat(JsonNumber.of(1)).isEqualTo(JsonNumber.of(1.0));
        assertThat(JsonNumber.of(1.0)).isEqualTo(JsonNumber.of(1));
        assertThat(JsonNumber.of(1)).hasSameHashCodeAs(JsonNumber.of(1.0));
        assertThat(JsonNumber.of(-5_000_000_000L)).isEqualTo(JsonNumber.of(-5.0e9))
                .hasSameHashCodeAs(JsonNumber.of(-5.0e9));
    }

    @Test
    void negativeZeroEqualsZeroOfEitherKind() {
        JsonNumber negativeZero = JsonNumber.of(-0.0);
        assertThat(negativeZero).isEqualTo(JsonNumber.of(0)).isEqualTo(JsonNumber.of(0.0));
        assertThat(negativeZero.hashCode()).isEqualTo(JsonNumber.of(0).hashCode())
                .isEqualTo(JsonNumber.of(0.0).hashCode());
        assertThat(negativeZero.compareTo(JsonNumber.of(0))).isZero();
        assertThat(negativeZero.toString()).isEqualTo("-0.0");
    }

    @Test
    void integerBeyondDoublePrecisionDiffersFromNearestDouble() {
        JsonNumber exact = JsonNumber.of(9007199254740993L);
        JsonNumber rounded = JsonNumber.of(9007199254740992.0);
        assertThat((double) 9007199254740993L).isEqualTo(9007199254740992.0);
        assertThat(exact).isNotEqualTo(rounded);
        assertThat(rounded).isNotEqualTo(exact);
        assertThat(exact.compareTo(rounded)).isPositive();
        assertThat(rounded.compareTo(exact)).isNegative();
        assertThat(JsonNumber.of(9007199254740992L)).isEqualTo(rounded).hasSameHashCodeAs(rounded);
    }

    @Test
    void bigIntegerEqualsIntegralDoubleBeyondLongRange() {
        JsonNumber big = JsonNumber.of(BigInteger.TEN.pow(20));
        JsonNumber dbl = JsonNumber.of(1e20);
        assertThat(big).isEqualTo(dbl).hasSameHashCodeAs(dbl);
        assertThat(dbl).isEqualTo(big);
        assertThat(big.compareTo(dbl)).isZero();

        JsonNumber twoPow63 = JsonNumber.of(TWO_POW_63);
        assertThat(twoPow63).isEqualTo(JsonNumber.of(9.223372036854775808E18))
                .hasSameHashCodeAs(JsonNumber.of(9.223372036854775808E18));
    }

    @Test
    void compareToIsExactAcrossKinds() {
        // 1e30 as a double is 1000000000000000019884624838656, so it is larger than the integer 10^30
        JsonNumber tenPow30 = JsonNumber.of(BigInteger.TEN.pow(30));
        JsonNumber tenPow30Double = JsonNumber.of(1e30);
        assertThat(tenPow30).isNotEqualTo(tenPow30Double);
        assertThat(tenPow30.compareTo(tenPow30Double)).isNegative();
        assertThat(tenPow30Double.compareTo(tenPow30)).isPositive();

        assertThat(JsonNumber.of(Long.MAX_VALUE).compareTo(JsonNumber.of(9.223372036854775807E18))).isNegative();
        assertThat(JsonNumber.of(Long.MIN_VALUE).compareTo(JsonNumber.of(-9.223372036854775808E18))).isZero();
        assertThat(JsonNumber.of(TWO_POW_63).compareTo(JsonNumber.of(Long.MAX_VALUE))).isPositive();
        assertThat(JsonNumber.of(TWO_POW_63.negate().subtract(BigInteger.ONE)).compareTo(JsonNumber.of(Long.MIN_VALUE)))
                .isNegative();
        assertThat(JsonNumber.of(0.5).compareTo(JsonNumber.of(0))).isPositive();
        assertThat(JsonNumber.of(0.5).compareTo(JsonNumber.of(1))).isNegative();
        assertThat(JsonNumber.of(2).compareTo(JsonNumber.of(1.9999999999999998))).isPositive();
        assertThat(JsonNumber.of(-1).compareTo(JsonNumber.of(-0.0))).isNegative();
        assertThat(JsonNumber.of(3).compareTo(JsonNumber.of(3))).isZero();
    }

    @Test
    void kindIsKept() {
        assertThat(JsonNumber.of(3).isIntegral()).isTrue();
        assertThat(JsonNumber.of(3.0).isIntegral()).isFalse();
        assertThat(JsonNumber.of(TWO_POW_63).isIntegral()).isTrue();
        assertThat(JsonNumber.of(3).toString()).isEqualTo("3");
        assertThat(JsonNumber.of(3.0).toString()).isEqualTo("3.0");
        assertThat(JsonNumber.of(1e20).toString()).isEqualTo("1.0E20");
        assertThat(JsonNumber.of(BigInteger.TEN.pow(30)).toString()).isEqualTo("1000000000000000000000000000000");
    }

    @Test
    void fitsInLongOnlyForLongSizedIntegers() {
        assertThat(JsonNumber.of(Long.MAX_VALUE).fitsInLong()).isTrue();
        assertThat(JsonNumber.of(TWO_POW_63.subtract(BigInteger.ONE)).fitsInLong()).isTrue();
        assertThat(JsonNumber.of(TWO_POW_63).fitsInLong()).isFalse();
        assertThat(JsonNumber.of(1.0).fitsInLong()).isFalse();
    }

    @Test
    void longValueOfIntegersAndIntegralDoubles() {
        assertThat(JsonNumber.of(42).longValue()).isEqualTo(42);
        assertThat(JsonNumber.of(BigInteger.valueOf(Long.MIN_VALUE)).longValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonNumber.of(3.0).longValue()).isEqualTo(3);
        assertThat(JsonNumber.of(-0.0).longValue()).isZero();
        assertThat(JsonNumber.of(-9.223372036854775808E18).longValue()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void longValueRejectsWhatDoesNotFit() {
        assertThatThrownBy(() -> JsonNumber.of(TWO_POW_63).longValue())
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("9223372036854775808");
        assertThatThrownBy(() -> JsonNumber.of(3.5).longValue()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> JsonNumber.of(9.223372036854775807E18).longValue())
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> JsonNumber.of(1e20).longValue()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void otherAccessors() {
        assertThat(JsonNumber.of(TWO_POW_63).doubleValue()).isEqualTo(9.223372036854775808E18);
        assertThat(JsonNumber.of(7).doubleValue()).isEqualTo(7.0);
        assertThat(JsonNumber.of(0.1).bigDecimalValue()).isEqualByComparingTo(new BigDecimal(0.1));
        assertThat(JsonNumber.of(TWO_POW_63).bigDecimalValue()).isEqualByComparingTo(new BigDecimal(TWO_POW_63));
        assertThat(JsonNumber.of(7).numberValue()).isEqualTo(7L);
        assertThat(JsonNumber.of(TWO_POW_63).numberValue()).isEqualTo(TWO_POW_63);
        assertThat(JsonNumber.of(2.5).numberValue()).isEqualTo(2.5);
        assertThat(JsonNumber.of(7).bigIntegerValueOrNull()).isEqualTo(BigInteger.valueOf(7));
        assertThat(JsonNumber.of(TWO_POW_63).bigIntegerValueOrNull()).isEqualTo(TWO_POW_63);
        assertThat(JsonNumber.of(7.0).bigIntegerValueOrNull()).isNull();
        assertThat(JsonNumber.of(1).type()).isEqualTo(JsonType.NUMBER);
    }

    @Test
    void ofNumberPicksTheKindFromTheJavaType() {
        assertThat(JsonNumber.of((Number) Byte.valueOf((byte) -3))).satisfies(n -> assertIntegral(n, -3));
        assertThat(JsonNumber.of((Number) Short.valueOf((short) 300))).satisfies(n -> assertIntegral(n, 300));
        assertThat(JsonNumber.of((Number) Integer.valueOf(70_000))).satisfies(n -> assertIntegral(n, 70_000));
        assertThat(JsonNumber.of((Number) Long.valueOf(1L << 40))).satisfies(n -> assertIntegral(n, 1L << 40));
        assertThat(JsonNumber.of((Number) TWO_POW_63).bigIntegerValueOrNull()).isEqualTo(TWO_POW_63);
        assertThat(JsonNumber.of((Number) BigInteger.valueOf(5)).fitsInLong()).isTrue();
        assertThat(JsonNumber.of((Number) new BigDecimal("12")).isIntegral()).isTrue();
        assertThat(JsonNumber.of((Number) new BigDecimal("1.2E+3")).bigIntegerValueOrNull())
                .isEqualTo(BigInteger.valueOf(1200));
        JsonNumber fractional = JsonNumber.of((Number) new BigDecimal("2.50"));
        assertThat(fractional.isIntegral()).isFalse();
        assertThat(fractional.doubleValue()).isEqualTo(2.5);
        assertThat(JsonNumber.of((Number) new BigDecimal("2.0")).isIntegral()).isFalse();
        JsonNumber fromFloat = JsonNumber.of((Number) Float.valueOf(1.5f));
        assertThat(fromFloat.isIntegral()).isFalse();
        assertThat(fromFloat.doubleValue()).isEqualTo(1.5);
        JsonNumber fromDouble = JsonNumber.of((Number) Double.valueOf(4.0));
        assertThat(fromDouble.isIntegral()).isFalse();
        assertThat(fromDouble).isEqualTo(JsonNumber.of(4));
    }

    private static void assertIntegral(JsonNumber number, long expected) {
        assertThat(number.isIntegral()).isTrue();
        assertThat(number.longValue()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteDoublesAreRejected(double value) {
        assertThatThrownBy(() -> JsonNumber.of(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Double.toString(value));
        assertThatThrownBy(() -> JsonNumber.of((Number) value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonNumber.of((Number) (float) value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonValue.of(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> JsonNumber.of((Number) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
        assertThatThrownBy(() -> JsonNumber.of((BigInteger) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }

    @Test
    void notEqualToOtherTypes() {
        assertThat(JsonNumber.of(1)).isNotEqualTo(JsonBoolean.TRUE).isNotEqualTo(JsonString.of("1"))
                .isNotEqualTo(1L).isNotEqualTo(null);
    }

    /** Equality, hash code and order must agree with exact decimal arithmetic on every mix of kinds. */
    @Property(tries = 500)
    void equalsHashCodeAndCompareToAgreeWithExactValues(@ForAll("numbers") JsonNumber a,
                                                        @ForAll("numbers") JsonNumber b) {
        assertAgreesWithExactArithmetic(a, b);
    }

    enum Kind { INTEGER, DOUBLE }

    /** Values a few units apart, where rounding to double is most likely to blur the difference. */
    @Property(tries = 500)
    void neighbouringValuesOfAnyKindCompareExactly(@ForAll("integers") BigInteger base,
                                                   @ForAll @IntRange(min = -2, max = 2) int delta,
                                                   @ForAll Kind kindA, @ForAll Kind kindB) {
        assertAgreesWithExactArithmetic(numberOf(base, kindA), numberOf(base.add(BigInteger.valueOf(delta)), kindB));
    }

    private static JsonNumber numberOf(BigInteger value, Kind kind) {
        return kind == Kind.INTEGER ? JsonNumber.of(value) : JsonNumber.of(value.doubleValue());
    }

    private static void assertAgreesWithExactArithmetic(JsonNumber a, JsonNumber b) {
        int exact = a.bigDecimalValue().compareTo(b.bigDecimalValue());
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(exact);
        assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-exact);
        assertThat(a.equals(b)).isEqualTo(exact == 0);
        if (exact == 0) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    /** The same value built as a long, a BigInteger, a BigDecimal and (when exact) a double is one JSON number. */
    @Property(tries = 300)
    void sameValueOfDifferentKindsIsEqualWithSameHash(@ForAll("integers") BigInteger value) {
        List<JsonNumber> forms = new java.util.ArrayList<>();
        forms.add(JsonNumber.of(value));
        forms.add(JsonNumber.of((Number) new BigDecimal(value)));
        if (value.bitLength() < 64) {
            forms.add(JsonNumber.of(value.longValue()));
        }
        double asDouble = value.doubleValue();
        if (new BigDecimal(asDouble).toBigIntegerExact().equals(value)) {
            forms.add(JsonNumber.of(asDouble));
        }
        for (JsonNumber x : forms) {
            for (JsonNumber y : forms) {
                assertThat(x).isEqualTo(y);
                assertThat(x.hashCode()).isEqualTo(y.hashCode());
                assertThat(x.compareTo(y)).isZero();
            }
        }
    }

    @Provide
    Arbitrary<BigInteger> integers() {
        Arbitrary<BigInteger> small = Arbitraries.longs().between(-2000, 2000).map(BigInteger::valueOf);
        Arbitrary<BigInteger> anyLong = Arbitraries.longs().map(BigInteger::valueOf);
        Arbitrary<BigInteger> powerOfTwoNeighbours = Combinators.combine(
                Arbitraries.integers().between(50, 80), Arbitraries.integers().between(-2, 2), Arbitraries.of(1, -1))
                .as((exp, offset, sign) -> BigInteger.ONE.shiftLeft(exp).add(BigInteger.valueOf(offset))
                        .multiply(BigInteger.valueOf(sign)));
        Arbitrary<BigInteger> powersOfTen = Arbitraries.integers().between(15, 40).map(BigInteger.TEN::pow);
        return Arbitraries.oneOf(small, anyLong, powerOfTwoNeighbours, powersOfTen);
    }

    @Provide
    Arbitrary<JsonNumber> numbers() {
        Arbitrary<JsonNumber> exactIntegers = integers().map(JsonNumber::of);
        Arbitrary<JsonNumber> roundedIntegers = integers().map(i -> JsonNumber.of(i.doubleValue()));
        Arbitrary<JsonNumber> smallDoubles = Arbitraries.of(0.0, -0.0, 0.5, -0.5, 1.0, 1.5, 2.0, -3.0, 0.1, 1e-300)
                .map(JsonNumber::of);
        Arbitrary<JsonNumber> anyDoubles = Arbitraries.doubles().map(JsonNumber::of);
        return Arbitraries.oneOf(exactIntegers, roundedIntegers, smallDoubles, anyDoubles);
    }
}
