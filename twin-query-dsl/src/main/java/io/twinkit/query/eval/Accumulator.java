package io.twinkit.query.eval;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.AggregateFunction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;

/**
 * The running state of one aggregate over one group; used by one thread during one evaluation. Only numbers count:
 * other values and undefined are skipped. Sums are exact: integers stay integers (past the {@code long} range too) and
 * a sum with doubles is rounded to a double once, at the end, so its result does not depend on the order of the twins.
 */
final class Accumulator {

    private final AggregateFunction function;
    private long numbers;
    private long longSum;
    private @Nullable BigInteger bigSum;
    private @Nullable BigDecimal doubleSum;
    private @Nullable JsonNumber extreme;

    Accumulator(AggregateFunction function) {
        this.function = function;
    }

    /** Adds the aggregated value of one twin of the group. */
    void add(@Nullable JsonValue value) {
        if (!(value instanceof JsonNumber number)) {
            return;
        }
        numbers++;
        switch (function) {
            case SUM, AVG -> addToSum(number);
            case MIN -> extreme = extreme == null || number.compareTo(extreme) < 0 ? number : extreme;
            case MAX -> extreme = extreme == null || number.compareTo(extreme) > 0 ? number : extreme;
            case COUNT -> { }
        }
    }

    private void addToSum(JsonNumber number) {
        if (!number.isIntegral()) {
            BigDecimal exact = new BigDecimal(number.doubleValue());
            doubleSum = doubleSum == null ? exact : doubleSum.add(exact);
        } else if (number.fitsInLong()) {
            long value = number.longValue();
            long sum = longSum + value;
            if (((longSum ^ sum) & (value ^ sum)) < 0) {
                spill(BigInteger.valueOf(value));
            } else {
                longSum = sum;
            }
        } else {
            spill(number.bigIntegerValueOrNull());
        }
    }

    // moves the long part and an addend into the BigInteger part, once the long part would overflow
    private void spill(BigInteger addend) {
        bigSum = bigInteger().add(addend);
        longSum = 0;
    }

    private BigInteger bigInteger() {
        BigInteger base = BigInteger.valueOf(longSum);
        return bigSum == null ? base : bigSum.add(base);
    }

    /**
     * Returns the aggregate of the group of {@code rows} twins: the count for {@code COUNT}, else the result over the
     * numbers seen, or {@code null} (so the member is omitted) when there were none or a double sum overflowed.
     */
    @Nullable JsonValue result(long rows) {
        if (function == AggregateFunction.COUNT) {
            return JsonNumber.of(rows);
        }
        if (numbers == 0) {
            return null;
        }
        return switch (function) {
            case MIN, MAX -> extreme;
            case SUM -> doubleSum == null ? JsonNumber.of(bigInteger()) : finite(total().doubleValue());
            case AVG -> finite(total().divide(BigDecimal.valueOf(numbers), MathContext.DECIMAL128).doubleValue());
            case COUNT -> throw new IllegalStateException("COUNT is handled above");
        };
    }

    private BigDecimal total() {
        BigDecimal integers = new BigDecimal(bigInteger());
        return doubleSum == null ? integers : integers.add(doubleSum);
    }

    private static @Nullable JsonNumber finite(double value) {
        return Double.isFinite(value) ? JsonNumber.of(value) : null;
    }
}
