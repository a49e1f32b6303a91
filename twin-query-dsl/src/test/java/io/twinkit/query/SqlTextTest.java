package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SqlText} beyond the vectors: the reserved words, every escaping rule, number forms and segment checks. */
class SqlTextTest {

    @Test
    void theReservedWordsAreTheGrammarKeywordsAndFunctionNames() {
        assertThat(SqlText.RESERVED_WORDS).containsExactlyInAnyOrder("SELECT", "FROM", "WHERE", "GROUP", "BY", "AS",
                "TOP", "AND", "OR", "NOT", "IN", "NIN", "COUNT", "AVG", "SUM", "MIN", "MAX", "NULL", "TRUE", "FALSE",
                "UNDEFINED", "IS_DEFINED", "STARTSWITH", "ENDSWITH", "CONTAINS");
        assertThat(SqlText.isReservedWord("group")).isTrue();
        assertThat(SqlText.isReservedWord("Is_Defined")).isTrue();
        assertThat(SqlText.isReservedWord("group1")).isFalse();
        assertThat(SqlText.isReservedWord("order")).isFalse();
        assertThat(SqlText.isReservedWord("devices")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "_x1", "tags", "Temp", "group1", "order", "devices", "a_B_9"})
    void identifiersThatAreNotReservedAreBare(String segment) {
        assertThat(SqlText.isBare(segment)).isTrue();
        assertThat(SqlText.segment(segment)).isEqualTo(segment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "my-key", "x-1", "KeyQuery1b4e28ba-2fa1-11d2-883f-0016d3cca427", "a_-b",
        "select-x", "IS-DEFINED"})
    void identifiersMayHoldSingleInnerHyphens(String alias) {
        assertThat(SqlText.isIdentifier(alias)).isTrue();
        assertThat(QueryParser.parseCondition("x." + alias)).isEqualTo(QueryPath.of("x", alias));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a--b", "1-a", "a-$b", "$a", "a b", "select", "Count", "a.b"})
    void otherWordsAreNoIdentifiers(String alias) {
        assertThat(SqlText.isIdentifier(alias)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"group", "SELECT", "Null", "1st", "my-key", "a:b", "\u00fc", "\u6e29\u5ea6", "\uD83D\uDE00",
        "[x", "a]b", "]x", "x'y", "x\"y", "a\\b", "(", "*", "x-1"})
    void everyOtherWritableSegmentIsBracketed(String segment) {
        assertThat(SqlText.isBare(segment)).isFalse();
        assertThat(SqlText.segment(segment)).isEqualTo("[[" + segment + "]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "$version", "a#", "x\u0000", "x\u007f", "x\u0085", "x\u00a0", "x\u2028",
        "x\u3000", "a]]b", "a]", "]"})
    void unwritableSegmentsAreRejected(String segment) {
        assertThatThrownBy(() -> SqlText.checkSegment(segment)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> SqlText.segment(segment)).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> SqlText.path(TwinPath.of("tags", segment))).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> SqlText.checkPath(TwinPath.of("tags", segment)))
                .isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void checkPathPutsARootFieldInTheServicesCasingAndKeepsEverythingElse() {
        TwinPath written = TwinPath.of("tags", "Location");

        assertThat(SqlText.checkPath(written)).isSameAs(written);
        assertThat(SqlText.checkPath(TwinPath.parse("TAGS.Location"))).isEqualTo(written);
        assertThat(SqlText.checkPath(TwinPath.parse("lastactivitytime"))).isEqualTo(TwinPath.of("lastActivityTime"));
        assertThat(SqlText.checkPath(TwinPath.parse("OUTCOME.x"))).isEqualTo(TwinPath.of("outcome", "x"));
        assertThat(SqlText.checkPath(TwinPath.parse("Custom.Tags"))).isEqualTo(TwinPath.of("Custom", "Tags"));
        assertThatThrownBy(() -> SqlText.checkPath(TwinPath.root())).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at least one segment");
        assertThatThrownBy(() -> SqlText.checkPath(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("path");
    }

    @Test
    void theRootFieldsAreTheTwinsThenTheJobRecords() {
        assertThat(SqlText.ROOT_FIELDS).startsWith(TwinDocument.FIELD_NAMES.toArray(String[]::new))
                .endsWith("jobId", "jobType", "startTimeUtc", "endTimeUtc", "createdDateTimeUtc",
                        "lastUpdatedDateTimeUtc", "outcome")
                .doesNotHaveDuplicates();
        assertThat(SqlText.ROOT_FIELDS.stream().allMatch(SqlText::isRootField)).isTrue();
        assertThat(SqlText.isRootField("DeviceId")).isFalse();
        assertThat(SqlText.isRootField("device")).isFalse();
    }

    @Test
    void aPathIsRenderedFromItsSegmentsNotFromItsText() {
        assertThat(SqlText.path(TwinPath.parse("properties.reported['my-key'].group")))
                .isEqualTo("properties.reported.[[my-key]].[[group]]");
        assertThat(SqlText.path(TwinPath.parse("devices.x"))).isEqualTo("[[devices]].x");
        assertThat(SqlText.path(TwinPath.parse("devices"))).isEqualTo("devices");
    }

    @Test
    void segmentErrorsNameTheSegmentTheCharacterAndItsIndex() {
        assertThatThrownBy(() -> SqlText.checkSegment("ab#c")).hasMessageContaining("'ab#c'")
                .hasMessageContaining("'#' at index 2");
        assertThatThrownBy(() -> SqlText.checkSegment("a\nb")).hasMessageContaining("'a\\u000Ab'")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> SqlText.checkSegment("x]]")).hasMessageContaining("']]'");
        assertThatThrownBy(() -> SqlText.checkSegment(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("segment");
        assertThatThrownBy(() -> SqlText.path(TwinPath.root())).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at least one segment");
    }

    @Test
    void stringsEscapeBackslashFirstThenQuoteAndControlCharactersAsUppercaseHex() {
        assertThat(SqlText.string("a\\'b")).isEqualTo("'a\\\\\\'b'");
        assertThat(SqlText.string("\u0000\u001f\u007f\u0080\u009f")).isEqualTo(
                "'\\u0000\\u001F\\u007F\\u0080\\u009F'");
        assertThat(SqlText.string("\u00a0\u2028\u200b\"\uD83D\uDE00")).isEqualTo("'\u00a0\u2028\u200b\"\uD83D\uDE00'");
        assertThat(SqlText.string("\uD800")).as("a lone surrogate is copied").isEqualTo("'\uD800'");
        assertThat(SqlText.literal(JsonString.of("x"))).isEqualTo(SqlText.string("x"));
    }

    @Test
    void integersAreExactAtAnySize() {
        assertThat(SqlText.number(JsonNumber.of(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        BigInteger huge = BigInteger.TEN.pow(40).negate();
        assertThat(SqlText.number(JsonNumber.of(huge))).isEqualTo(huge.toString());
        assertThat(SqlText.literal(JsonNumber.of(-17))).isEqualTo("-17");
    }

    @Test
    void doublesArePositionalShortestAndKeepAPointZero() {
        assertThat(SqlText.number(JsonNumber.of(0.0))).isEqualTo("0.0");
        assertThat(SqlText.number(JsonNumber.of(-0.0))).isEqualTo("0.0");
        assertThat(SqlText.number(JsonNumber.of(-2.0))).isEqualTo("-2.0");
        assertThat(SqlText.number(JsonNumber.of(123.456))).isEqualTo("123.456");
        assertThat(SqlText.number(JsonNumber.of(9007199254740993.0))).isEqualTo("9007199254740992.0");
        assertThat(SqlText.number(JsonNumber.of(Double.MIN_VALUE))).isEqualTo("0." + "0".repeat(323) + "5");
        String max = SqlText.number(JsonNumber.of(Double.MAX_VALUE));
        assertThat(max).startsWith("17976931348623157").endsWith("0.0").hasSize(311);
        assertThat(Double.parseDouble(max)).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void booleansNullAndArrays() {
        assertThat(SqlText.literal(JsonBoolean.TRUE)).isEqualTo("true");
        assertThat(SqlText.literal(JsonNull.INSTANCE)).isEqualTo("null");
        assertThat(SqlText.literal(JsonArray.of(JsonNumber.of(1.0), JsonBoolean.FALSE, JsonString.of("\n"))))
                .isEqualTo("[1.0, false, '\\u000A']");
        StringBuilder out = new StringBuilder("x IN ");
        SqlText.appendLiteral(out, JsonArray.of(JsonString.of("a")));
        assertThat(out).hasToString("x IN ['a']");
    }

    @Test
    void invalidLiteralsAreRejectedWithTheRule() {
        assertThatThrownBy(() -> SqlText.literal(JsonArray.empty())).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at least one element");
        assertThatThrownBy(() -> SqlText.literal(JsonArray.of(JsonString.of("a"), JsonNull.INSTANCE)))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("element 1");
        assertThatThrownBy(() -> SqlText.literal(JsonObject.of("a", JsonNumber.of(1))))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("object");
        assertThatThrownBy(() -> SqlText.literal(null)).isInstanceOf(NullPointerException.class);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 1e21, 1e22, 1e23, 5e-324,
                        2.2250738585072014E-308, 4.35E-322));
    }

    @Property(tries = 1000)
    void everyDoubleIsWrittenWithoutExponentInTheFewestDigitsThatReadBack(@ForAll("doubles") double value) {
        String sql = SqlText.number(JsonNumber.of(value));
        assertThat(sql).doesNotContain("e", "E").contains(".");
        assertThat(Double.parseDouble(sql)).isEqualTo(value == 0 ? 0.0 : value);
        int digits = new BigDecimal(sql).stripTrailingZeros().precision();
        int javaDigits = new BigDecimal(Double.toString(value)).stripTrailingZeros().precision();
        assertThat(digits).as("significant digits of %s against %s", sql, Double.toString(value))
                .isLessThanOrEqualTo(javaDigits);
        Comparison parsed = (Comparison) QueryParser.parseCondition("x = " + sql);
        assertThat(parsed.right()).isEqualTo(Literal.of(value));
    }
}
