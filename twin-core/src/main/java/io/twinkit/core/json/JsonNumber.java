package io.twinkit.core.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A JSON number: either an <em>integer</em> (written without fraction or exponent, held exactly at any size)
 * or a <em>double</em> (any other number, held as an IEEE 754 double as IoT Hub stores it).
 *
 * <p>The kind is kept, so {@code 3} and {@code 3.0} are written back as they were read, and the IoT Hub integer
 * range rule can apply to integers only. {@link #equals(Object)} and {@link #compareTo(JsonNumber)} compare
 * numeric values exactly, across kinds: {@code 1} equals {@code 1.0}, and {@code 9007199254740993} does not equal
 * {@code 9007199254740992.0}.
 */
public final class JsonNumber implements JsonValue, Comparable<JsonNumber> {

    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1024;
    private static final JsonNumber[] CACHE = new JsonNumber[CACHE_HIGH - CACHE_LOW + 1];
    private static final double TWO_POW_63 = 9.223372036854775808E18;

    static {
        for (int i = CACHE_LOW; i <= CACHE_HIGH; i++) {
            CACHE[i - CACHE_LOW] = new JsonNumber(i, null, 0.0, false);
        }
    }

    private final long longValue;
    private final @Nullable BigInteger bigValue;
    private final double doubleValue;
    private final boolean isDouble;

    private JsonNumber(long longValue, @Nullable BigInteger bigValue, double doubleValue, boolean isDouble) {
        this.longValue = longValue;
        this.bigValue = bigValue;
        this.doubleValue = doubleValue;
        this.isDouble = isDouble;
    }

    /** Returns the integer {@code value}. */
    public static JsonNumber of(long value) {
        if (value >= CACHE_LOW && value <= CACHE_HIGH) {
            return CACHE[(int) value - CACHE_LOW];
        }
        return new JsonNumber(value, null, 0.0, false);
    }

    /** Returns the integer {@code value}, of any size. */
    public static JsonNumber of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        if (value.bitLength() < 64) {
            return of(value.longValue());
        }
        return new JsonNumber(0, value, 0.0, false);
    }

    /**
     * Returns the double {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite, which JSON cannot represent
     */
    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON numbers must be finite, but got " + value);
        }
        return new JsonNumber(0, null, value, true);
    }

    /**
     * Returns the number for a Java {@link Number}: {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, the atomic
     * integer types and {@code BigInteger} become integers; {@code Float}, {@code Double} and {@code BigDecimal} become doubles (a
     * {@code BigDecimal} with no fractional part and scale &le; 0 becomes an integer).
     *
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public static JsonNumber of(Number value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof AtomicInteger || value instanceof AtomicLong || value instanceof LongAdder
                || value instanceof LongAccumulator) {
            return of(value.longValue());
        }
        if (value instanceof BigInteger big) {
            return of(big);
        }
        if (value instanceof BigDecimal dec) {
            return dec.scale() <= 0 ? of(dec.toBigIntegerExact()) : of(dec.doubleValue());
        }
        return of(value.doubleValue());
    }

    @Override
    public JsonType type() {
        return JsonType.NUMBER;
    }

    /** Returns whether this number was written as an integer (no fraction, no exponent). */
    public boolean isIntegral() {
        return !isDouble;
    }

    /** Returns whether this is an integer that fits in a {@code long}. */
    public boolean fitsInLong() {
        return !isDouble && bigValue == null;
    }

    /**
     * Returns the value as a {@code long}.
     *
     * @throws ArithmeticException if the value is not an integral number within the {@code long} range
     */
    public long longValue() {
        if (!isDouble) {
            if (bigValue != null) {
                throw new ArithmeticException(bigValue + " does not fit in a long");
            }
            return longValue;
        }
        if (isIntegralDoubleInLongRange(doubleValue)) {
            return (long) doubleValue;
        }
        throw new ArithmeticException(doubleValue + " is not an integral value within the long range");
    }

    /** Returns the value as a {@code double}, rounding large integers to the nearest double. */
    public double doubleValue() {
        if (isDouble) {
            return doubleValue;
        }
        return bigValue != null ? bigValue.doubleValue() : (double) longValue;
    }

    /** Returns the exact value as a {@link BigDecimal}. */
    public BigDecimal bigDecimalValue() {
        if (isDouble) {
            return new BigDecimal(doubleValue);
        }
        return bigValue != null ? new BigDecimal(bigValue) : BigDecimal.valueOf(longValue);
    }

    /**
     * Returns the value as the natural Java number: {@code Long} or {@code BigInteger} for integers, {@code Double}
     * for doubles.
     */
    public Number numberValue() {
        if (isDouble) {
            return doubleValue;
        }
        return bigValue != null ? bigValue : (Number) longValue;
    }

    /** Returns the exact integer value if this is an integer, whatever its size, else {@code null}. */
    public @Nullable BigInteger bigIntegerValueOrNull() {
        if (isDouble) {
            return null;
        }
        return bigValue != null ? bigValue : BigInteger.valueOf(longValue);
    }

    /** Compares numeric values exactly, across integers and doubles; {@code -0.0} equals {@code 0}. */
    @Override
    public int compareTo(JsonNumber other) {
        if (!isDouble && bigValue == null && !other.isDouble && other.bigValue == null) {
            return Long.compare(longValue, other.longValue);
        }
        if (isDouble && other.isDouble) {
            double a = doubleValue;
            double b = other.doubleValue;
            return a < b ? -1 : (a > b ? 1 : 0);
        }
        if (isDouble && other.bigValue == null && isExactAsDouble(other.longValue)) {
            return compareDoubles(doubleValue, other.longValue);
        }
        if (other.isDouble && bigValue == null && isExactAsDouble(longValue)) {
            return compareDoubles(longValue, other.doubleValue);
        }
        return bigDecimalValue().compareTo(other.bigDecimalValue());
    }

    private static int compareDoubles(double a, double b) {
        return a < b ? -1 : (a > b ? 1 : 0);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        if (this == obj) {
            return true;
        }
        return obj instanceof JsonNumber other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        if (!isDouble) {
            return bigValue != null ? bigValue.hashCode() : Long.hashCode(longValue);
        }
        double d = doubleValue;
        if (isIntegralDoubleInLongRange(d)) {
            return Long.hashCode((long) d);
        }
        if (d == Math.rint(d)) {
            return new BigDecimal(d).toBigInteger().hashCode();
        }
        return Double.hashCode(d);
    }

    private static boolean isIntegralDoubleInLongRange(double d) {
        return d == Math.rint(d) && d >= -TWO_POW_63 && d < TWO_POW_63;
    }

    /**
     * Returns the JSON text: integers in plain decimal, doubles as {@link Double#toString(double)} writes them
     * (always with a fraction or an exponent, so the kind survives a round trip).
     */
    @Override
    public String toString() {
        if (isDouble) {
            return Double.toString(doubleValue);
        }
        return bigValue != null ? bigValue.toString() : Long.toString(longValue);
    }

    private static boolean isExactAsDouble(long value) {
        return value >= -(1L << 53) && value <= (1L << 53);
    }
}
