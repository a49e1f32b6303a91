package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The text reader rounds every number with a fraction or an exponent exactly as {@link Double#parseDouble} does (it
 * runs on Jackson's fast double parser), and the text writer writes a double as {@link Double#toString(double)} does,
 * so a double survives a round trip bit for bit.
 */
class JsonTextNumbersTest {

    @Property(tries = 3000)
    void anyDoubleReadsBackBitForBit(@ForAll double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        JsonNumber read = JsonValue.parse(Double.toString(value)).asNumber();
        assertThat(Double.doubleToLongBits(read.doubleValue()))
                .isEqualTo(Double.doubleToLongBits(value));
        assertThat(read.toString()).isEqualTo(Double.toString(value));
        assertThat(JsonValue.parse("[" + value + "]").toString()).isEqualTo("[" + Double.toString(value) + "]");
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> fraction = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(40);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(-340, 320);
        return Combinators.combine(Arbitraries.of("", "-"), digits, fraction, exponent, Arbitraries.of(true, false))
                .as((sign, whole, part, exp, withExponent) -> {
                    String integral = whole.replaceFirst("^0+(?=.)", "");
                    return sign + integral + "." + part + (withExponent ? "e" + exp : "");
                });
    }

    @Property(tries = 3000)
    void decimalTextRoundsAsParseDoubleDoes(@ForAll("decimals") String text) {
        double expected = Double.parseDouble(text);
        if (!Double.isFinite(expected)) {
            return;
        }
        assertThat(Double.doubleToLongBits(JsonValue.parse(text).asNumber().doubleValue()))
                .as(text).isEqualTo(Double.doubleToLongBits(expected));
    }

    @Example
    void hardCasesRoundAsParseDoubleDoes() {
        String[] cases = {"2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "2.4703282292062327e-324",
            "2.4703282292062328e-324", "1.7976931348623157e308", "9007199254740993.0", "0.1", "1e23", "8.41e21",
            "5e-324", "1.00000000000000011102230246251565404236316680908203125", "-0.0", "0e-400"};
        for (String text : cases) {
            assertThat(Double.doubleToLongBits(JsonValue.parse(text).asNumber().doubleValue()))
                    .as(text).isEqualTo(Double.doubleToLongBits(Double.parseDouble(text)));
        }
    }
}
