package io.twinkit.query.eval;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.query.ArithmeticOperator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;

/**
 * Arithmetic on JSON numbers. Integers stay exact integers ({@code long}, and {@link BigInteger} past its range) for
 * {@code + - * %}, and for {@code /} when the division is exact; anything involving a double, and inexact division,
 * gives a double. Results that are not finite, and a zero divisor, are undefined ({@code null}).
 */
final class Numbers {

    private Numbers() {
    }

    /** Returns {@code a op b}, or {@code null} when it is undefined. */
    static @Nullable JsonNumber apply(ArithmeticOperator op, JsonNumber a, JsonNumber b) {
        if (a.isIntegral() && b.isIntegral()) {
            return a.fitsInLong() && b.fitsInLong() ? longs(op, a.longValue(), b.longValue())
                    : bigs(op, a.bigIntegerValueOrNull(), b.bigIntegerValueOrNull());
        }
        return doubles(op, a.doubleValue(), b.doubleValue());
    }

    /** Returns {@code -a}. */
    static JsonNumber negate(JsonNumber a) {
        if (!a.isIntegral()) {
            return JsonNumber.of(-a.doubleValue());
        }
        if (a.fitsInLong() && a.longValue() != Long.MIN_VALUE) {
            return JsonNumber.of(-a.longValue());
        }
        return JsonNumber.of(a.bigIntegerValueOrNull().negate());
    }

    private static @Nullable JsonNumber longs(ArithmeticOperator op, long a, long b) {
        switch (op) {
            case ADD -> {
                long r = a + b;
                // overflow iff both operands have the sign opposite to the result
                return ((a ^ r) & (b ^ r)) < 0 ? JsonNumber.of(BigInteger.valueOf(a).add(BigInteger.valueOf(b)))
                        : JsonNumber.of(r);
            }
            case SUBTRACT -> {
                long r = a - b;
                return ((a ^ b) & (a ^ r)) < 0 ? JsonNumber.of(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b)))
                        : JsonNumber.of(r);
            }
            case MULTIPLY -> {
                long high = Math.multiplyHigh(a, b);
                long low = a * b;
                return high == (low >> 63) ? JsonNumber.of(low)
                        : JsonNumber.of(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
            }
            case DIVIDE -> {
                if (b == 0) {
                    return null;
                }
                if (a == Long.MIN_VALUE && b == -1) {
                    return JsonNumber.of(BigInteger.valueOf(a).negate());
                }
                return a % b == 0 ? JsonNumber.of(a / b) : quotient(BigInteger.valueOf(a), BigInteger.valueOf(b));
            }
            case MODULO -> {
                return b == 0 ? null : JsonNumber.of(a % b);
            }
            default -> throw new IllegalStateException("unknown operator " + op);
        }
    }

    private static @Nullable JsonNumber bigs(ArithmeticOperator op, BigInteger a, BigInteger b) {
        return switch (op) {
            case ADD -> JsonNumber.of(a.add(b));
            case SUBTRACT -> JsonNumber.of(a.subtract(b));
            case MULTIPLY -> JsonNumber.of(a.multiply(b));
            case DIVIDE -> {
                if (b.signum() == 0) {
                    yield null;
                }
                BigInteger[] qr = a.divideAndRemainder(b);
                yield qr[1].signum() == 0 ? JsonNumber.of(qr[0]) : quotient(a, b);
            }
            case MODULO -> b.signum() == 0 ? null : JsonNumber.of(a.remainder(b));
        };
    }

    private static @Nullable JsonNumber quotient(BigInteger a, BigInteger b) {
        // dividing the exact values and rounding once keeps integers beyond 2^53 from being rounded before dividing
        return finite(new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL128).doubleValue());
    }

    private static @Nullable JsonNumber doubles(ArithmeticOperator op, double a, double b) {
        return switch (op) {
            case ADD -> finite(a + b);
            case SUBTRACT -> finite(a - b);
            case MULTIPLY -> finite(a * b);
            case DIVIDE -> b == 0 ? null : finite(a / b);
            case MODULO -> b == 0 ? null : finite(a % b);
        };
    }

    private static @Nullable JsonNumber finite(double value) {
        return Double.isFinite(value) ? JsonNumber.of(value) : null;
    }
}
