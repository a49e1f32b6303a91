package io.twinkit.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySet;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TwinValidatorTest {

    private static final TwinValidator STANDARD = TwinValidator.standard();
    /** Service rules with room for any generated document, so that properties never hit a size limit. */
    private static final TwinValidator UNBOUNDED = TwinValidator.of(TwinLimits.service().toBuilder()
            .maxTagsSize(Long.MAX_VALUE).maxDesiredSize(Long.MAX_VALUE).maxReportedSize(Long.MAX_VALUE).build());
    /** The White_Space set as the conformance README lists it, written out independently of the implementation. */
    private static final Set<Integer> WHITE_SPACE = Set.of(0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
            0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000);

    // ---- one test per rule ----

    @Test
    void emptyKeyIsReportedWithAnEmptyLastSegment() {
        TwinValidationException error = documentError(TwinSection.DESIRED, "{\"a\":{\"\":1}}");
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_EMPTY);
        assertThat(error.path()).isEqualTo(TwinPath.of("a", ""));
        assertThat(error.path().segments()).containsExactly("a", "");
        assertThat(error.path()).hasToString("a['']");
        assertThat(error.getMessage())
                .startsWith("Invalid desired property at 'a.': key is empty [KEY_EMPTY, 400004]. ")
                .endsWith(ValidationRule.KEY_EMPTY.howToFix());
    }

    @Test
    void keyLongerThan1024BytesIsRejectedAndAbbreviatedInTheMessage() {
        String key = "k".repeat(1025);
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.TAGS, JsonObject.of("k".repeat(1024), one())))
                .doesNotThrowAnyException();
        TwinValidationException error = documentError(TwinSection.TAGS, JsonObject.of("a", JsonObject.of(key, one())));
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_TOO_LONG);
        assertThat(error.path()).isEqualTo(TwinPath.of("a", key));
        assertThat(error.getMessage()).contains("key is 1025 UTF-8 bytes long, more than the limit of 1024")
                .contains("(1025 chars)").doesNotContain(key).contains("[KEY_TOO_LONG, 400004]");
    }

    @Test
    void emojiKeyIsMeasuredInUtf8Bytes() {
        String emoji = "\uD83D\uDE00";
        String fits = emoji.repeat(256);                 // 256 characters, 1024 bytes
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.TAGS, JsonObject.of(fits, one())))
                .doesNotThrowAnyException();
        assertThat(STANDARD.size(JsonObject.of(fits, one()))).isEqualTo(256 + 8);
        TwinValidationException error = documentError(TwinSection.TAGS, JsonObject.of(fits + "a", one()));
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_TOO_LONG);
        assertThat(error.getMessage()).contains("1025 UTF-8 bytes");
        assertThat(documentError(TwinSection.TAGS, JsonObject.of("\u00e9".repeat(513), one())).rule())
                .isEqualTo(ValidationRule.KEY_TOO_LONG);
    }

    @Test
    void forbiddenKeyCharactersAreNamed() {
        assertThat(documentError(TwinSection.REPORTED, "{\"x\":{\"a#b\":1}}").getMessage())
                .startsWith("Invalid reported property at 'x.a#b': key contains '#' at index 1 "
                        + "[KEY_FORBIDDEN_CHARACTER, 400004]. ")
                .endsWith("rename the key.");
        TwinValidationException dot = documentError(TwinSection.TAGS, "{\"a\":{\"b.c\":1}}");
        assertThat(dot.rule()).isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
        assertThat(dot.path().segments()).containsExactly("a", "b.c");
        assertThat(dot.path()).hasToString("a['b.c']");
        assertThat(dot.getMessage()).startsWith("Invalid tag at 'a.b.c': key contains '.'");
        assertThat(documentError(TwinSection.TAGS, "{\"a b\":1}").getMessage()).contains("a space (U+0020)");
    }

    @Test
    void dollarKeyIsReserved() {
        TwinValidationException error = documentError(TwinSection.DESIRED, "{\"x\":{\"$ref\":1}}");
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_RESERVED);
        assertThat(error.path()).isEqualTo(TwinPath.of("x", "$ref")).hasToString("x.$ref");
        assertThat(error.section()).isEqualTo(TwinSection.DESIRED);
        assertThat(error.errorCode()).isEqualTo(IotHubErrorCode.ARGUMENT_INVALID);
        assertThat(error.getMessage())
                .startsWith("Invalid desired property at 'x.$ref': key contains '$' [KEY_RESERVED, 400004]. Keys must"
                        + " not contain '$'")
                .endsWith("rename the key.");
        assertThat(patchError(TwinSection.TAGS, "{\"price$usd\":3}").rule()).isEqualTo(ValidationRule.KEY_RESERVED);
    }

    @Test
    void controlCharacterInKeyIsEscapedInTheMessageButNotInThePath() {
        TwinValidationException error = documentError(TwinSection.TAGS, "{\"a\":{\"b\\nc\":1}}");
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
        assertThat(error.path()).isEqualTo(TwinPath.of("a", "b\nc"));
        assertThat(error.path()).hasToString("a['b\\u000Ac']");
        assertThat(error.getMessage()).contains("'a.b\\u000Ac'").contains("control character U+000A")
                .doesNotContain("\n");
    }

    @Test
    void delIsAControlCharacter() {
        TwinValidationException error = documentError(TwinSection.TAGS, JsonObject.of("a\u007fb", one()));
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
        assertThat(error.getMessage()).contains("control character U+007F").contains("'a\\u007Fb'");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0085, 0x00A0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000})
    void unicodeWhitespaceInKeyIsRejected(int codePoint) {
        String key = "a" + Character.toString(codePoint) + "b";
        TwinValidationException error = documentError(TwinSection.DESIRED, JsonObject.of(key, one()));
        assertThat(error.rule()).isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
        assertThat(error.path()).isEqualTo(TwinPath.of(key));
        assertThat(error.getMessage()).contains(String.format("U+%04X", codePoint))
                .contains(String.format("'a\\u%04Xb'", codePoint));
        assertThat(patchError(TwinSection.DESIRED, MergePatch.of(JsonObject.of(key, one()))).path())
                .isEqualTo(TwinPath.of(key));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200B, 0x180E, 0xFEFF, 0x00AD, 0x2060})
    void invisibleCharactersOutsideWhiteSpaceAreAccepted(int codePoint) {
        JsonObject document = JsonObject.of("a" + Character.toString(codePoint) + "b", one());
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.DESIRED, document)).doesNotThrowAnyException();
        assertThat(STANDARD.size(document)).isEqualTo(3 + 8);
    }

    @Test
    void everyBmpCharacterInAKeyIsJudgedByTheDocumentedSets() {
        for (int c = 0; c <= 0xFFFF; c++) {
            boolean forbidden = Character.isISOControl(c) || WHITE_SPACE.contains(c)
                    || c == '.' || c == '$' || c == '#';
            JsonObject document = JsonObject.of("k" + (char) c, one());
            boolean rejected = catchThrowableOfType(TwinValidationException.class,
                    () -> STANDARD.validateDocument(TwinSection.TAGS, document)) != null;
            assertThat(rejected).as("U+%04X", c).isEqualTo(forbidden);
        }
    }

    @Test
    void stringLongerThan4096BytesIsRejected() {
        JsonObject fits = JsonObject.of("s", str("\u00e9".repeat(2048)));
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.REPORTED, fits)).doesNotThrowAnyException();
        TwinValidationException error = documentError(TwinSection.REPORTED,
                JsonObject.of("x", JsonArray.of(one(), str("\u00e9".repeat(2048) + "a"))));
        assertThat(error.rule()).isEqualTo(ValidationRule.STRING_TOO_LONG);
        assertThat(error.path()).isEqualTo(TwinPath.parse("x.1"));
        assertThat(error.getMessage()).contains("string value is 4097 UTF-8 bytes long, more than the limit of 4096");
    }

    @Test
    void controlCharactersCountTowardStringBytesButNotTowardSize() {
        JsonObject fits = JsonObject.of("s", str("\n".repeat(4096)));
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.TAGS, fits)).doesNotThrowAnyException();
        assertThat(STANDARD.size(fits)).isEqualTo(1);
        assertThat(documentError(TwinSection.TAGS, JsonObject.of("s", str("\n".repeat(4097)))).rule())
                .isEqualTo(ValidationRule.STRING_TOO_LONG);
    }

    @Test
    void integersAreRangeCheckedAndDoublesAreNot() {
        TwinValidationException error = documentError(TwinSection.DESIRED, "{\"a\":[1,2,4503599627370496]}");
        assertThat(error.rule()).isEqualTo(ValidationRule.INTEGER_OUT_OF_RANGE);
        assertThat(error.path()).isEqualTo(TwinPath.parse("a.2"));
        assertThat(error.getMessage())
                .contains("integer 4503599627370496 is outside [-4503599627370496, 4503599627370495]");
        JsonObject huge = JsonObject.of("n", JsonNumber.of(BigInteger.TWO.pow(70)));
        assertThat(documentError(TwinSection.DESIRED, huge).rule()).isEqualTo(ValidationRule.INTEGER_OUT_OF_RANGE);
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.DESIRED,
                json("{\"a\":1e20,\"b\":4503599627370496.0,\"c\":-1.0E300}"))).doesNotThrowAnyException();
    }

    @Test
    void nullInsideArraysIsRejectedEverywhere() {
        String[] documents = {"{\"a\":[1,null]}", "{\"x\":{\"a\":[[1,[null]]]}}", "{\"a\":[{\"b\":1},{\"b\":null}]}"};
        String[] paths = {"a.1", "x.a.0.1.0", "a.1.b"};
        for (int i = 0; i < documents.length; i++) {
            TwinValidationException document = documentError(TwinSection.REPORTED, documents[i]);
            TwinValidationException patch = patchError(TwinSection.REPORTED, documents[i]);
            for (TwinValidationException error : List.of(document, patch)) {
                assertThat(error.rule()).isEqualTo(ValidationRule.NULL_IN_ARRAY);
                assertThat(error.path()).isEqualTo(TwinPath.parse(paths[i]));
                assertThat(error.getMessage()).contains("[NULL_IN_ARRAY, 400004]");
            }
        }
    }

    @Test
    void nullMemberIsRejectedInAStoredDocument() {
        TwinValidationException error = documentError(TwinSection.DESIRED, "{\"a\":{\"b\":null}}");
        assertThat(error.rule()).isEqualTo(ValidationRule.NULL_VALUE);
        assertThat(error.path()).isEqualTo(TwinPath.parse("a.b"));
        assertThat(error.getMessage()).startsWith("Invalid desired property at 'a.b': value is null");
    }

    @Test
    void tooDeepNamesTheOutermostObjectAboveTheLimit() {
        TwinValidationException error = documentError(TwinSection.DESIRED,
                nested(11, JsonObject.of("$bad key", one())));
        assertThat(error.rule()).isEqualTo(ValidationRule.TOO_DEEP);
        assertThat(error.path()).isEqualTo(TwinPath.parse("l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11"));
        assertThat(error.getMessage()).contains("object is at level 11 below the section root, deeper than the limit"
                + " of 10");
        JsonObject inArray = nested(10, JsonObject.of("arr", JsonArray.of(JsonArray.of(JsonObject.empty()))));
        assertThat(documentError(TwinSection.TAGS, inArray).path())
                .isEqualTo(TwinPath.parse("l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.arr.0.0"));
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.TAGS, nested(10, JsonObject.of("leaf", one()))))
                .doesNotThrowAnyException();
        JsonObject level10InArrays = nested(9, JsonObject.of("arr", JsonArray.of(JsonArray.of(
                JsonObject.of("leaf", one())))));
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.TAGS, level10InArrays)).doesNotThrowAnyException();
    }

    @Test
    void oversizedSectionHasTheEmptyPath() {
        TwinValidationException error = documentError(TwinSection.TAGS, JsonObject.of("a", str("x".repeat(4095)),
                "b", str("x".repeat(4095)), "c", str("")));
        assertThat(error.rule()).isEqualTo(ValidationRule.SECTION_TOO_LARGE);
        assertThat(error.path()).isEqualTo(TwinPath.root());
        assertThat(error.path().segments()).isEmpty();
        assertThat(error.getMessage()).startsWith("Invalid tags: the size of tags is 8193, more than the limit of 8192"
                + " [SECTION_TOO_LARGE, 400004]. ");
    }

    // ---- order, patches, limits ----

    @Test
    void firstViolationInDocumentOrderIsReported() {
        assertThat(documentError(TwinSection.TAGS, "{\"a\":{\"b\":[1,null]},\"c d\":1}").path())
                .isEqualTo(TwinPath.parse("a.b.1"));
        assertThat(documentError(TwinSection.TAGS, "{\"ok\":1,\"x\":{\"y\":\"s\",\"bad#\":1,\"z\":null}}").path())
                .isEqualTo(TwinPath.parse("x.bad#"));
        assertThat(documentError(TwinSection.TAGS, "{\"z\":null,\"a\":null}").path()).isEqualTo(TwinPath.parse("z"));
        TwinValidationException keyBeforeValue = documentError(TwinSection.TAGS, "{\"a b\":{\"$c\":null}}");
        assertThat(keyBeforeValue.rule()).isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
        assertThat(keyBeforeValue.path()).isEqualTo(TwinPath.of("a b"));
        JsonObject oversizedAndBadKey = JsonObject.of("a", str("x".repeat(4000)), "b", str("x".repeat(4000)),
                "c", JsonObject.of("d", str("x".repeat(4000)), "e#", one()));
        assertThat(documentError(TwinSection.TAGS, oversizedAndBadKey).rule())
                .isEqualTo(ValidationRule.KEY_FORBIDDEN_CHARACTER);
    }

    @Test
    void patchAllowsNullMembersThatADocumentRejects() {
        String json = "{\"a\":null,\"b\":{\"c\":null}}";
        assertThatCode(() -> STANDARD.validatePatch(TwinSection.DESIRED, MergePatch.of(json(json))))
                .doesNotThrowAnyException();
        assertThat(documentError(TwinSection.DESIRED, json).path()).isEqualTo(TwinPath.parse("a"));
    }

    @Test
    void readOnlyRootMembersAreSkippedInADocumentButRejectedInAPatch() {
        JsonObject document = json("{\"a\":1,\"$version\":\"anything\",\"$metadata\":{\"$lastUpdated\":\"x\"}}");
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.DESIRED, document)).doesNotThrowAnyException();
        assertThat(STANDARD.size(document)).isEqualTo(9);
        for (String key : List.of("$version", "$metadata")) {
            MergePatch patch = MergePatch.of(JsonObject.of("a", one(), key, one()));
            TwinValidationException error = patchError(TwinSection.DESIRED, patch);
            assertThat(error.rule()).isEqualTo(ValidationRule.KEY_RESERVED);
            assertThat(error.path()).isEqualTo(TwinPath.of(key));
        }
        assertThat(documentError(TwinSection.REPORTED, "{\"a\":{\"$version\":1}}").path())
                .isEqualTo(TwinPath.parse("a.$version"));
    }

    @Test
    void patchSizeIsNotCheckedButTheResultSizeIs() {
        MergePatch big = MergePatch.of(JsonObject.of("a", str("x".repeat(4095)), "b", str("x".repeat(4095)),
                "c", str("xx")));
        assertThatCode(() -> STANDARD.validatePatch(TwinSection.TAGS, big)).doesNotThrowAnyException();
        PropertySet target = PropertySet.of(json("{\"keep\":true}"));
        TwinValidationException error = catchThrowableOfType(TwinValidationException.class,
                () -> STANDARD.apply(TwinSection.TAGS, target, big));
        assertThat(error.rule()).isEqualTo(ValidationRule.SECTION_TOO_LARGE);
        assertThat(error.path()).isEqualTo(TwinPath.root());
        assertThat(error.getMessage()).contains("the size of tags after the patch is 8203");
        assertThat(target.toJson()).isEqualTo(json("{\"keep\":true}"));
        assertThat(STANDARD.apply(TwinSection.DESIRED, target, big).toJson().keys()).containsExactly("keep", "a", "b",
                "c");
    }

    @Test
    void limitsOf2018AcceptAndRejectAccordingly() {
        TwinValidator of2018 = TwinValidator.of(TwinLimits.service().toBuilder()
                .maxDepth(5).maxDesiredSize(8192).maxReportedSize(8192).build());
        assertThatCode(() -> of2018.validateDocument(TwinSection.DESIRED, nested(5, JsonObject.of("leaf", one()))))
                .doesNotThrowAnyException();
        TwinValidationException deep = catchThrowableOfType(TwinValidationException.class,
                () -> of2018.validateDocument(TwinSection.DESIRED, nested(6, JsonObject.empty())));
        assertThat(deep.path()).isEqualTo(TwinPath.parse("l1.l2.l3.l4.l5.l6"));
        assertThat(deep.getMessage()).contains("deeper than the limit of 5");
        JsonObject size8193 = JsonObject.of("a", str("x".repeat(4095)), "b", str("x".repeat(4095)), "c", str(""));
        assertThatCode(() -> STANDARD.validateDocument(TwinSection.DESIRED, size8193)).doesNotThrowAnyException();
        TwinValidationException large = catchThrowableOfType(TwinValidationException.class,
                () -> of2018.validateDocument(TwinSection.REPORTED, size8193));
        assertThat(large.rule()).isEqualTo(ValidationRule.SECTION_TOO_LARGE);
        assertThat(large.getMessage()).contains("8193, more than the limit of 8192");
        assertThatCode(() -> of2018.validateDocument(TwinSection.DESIRED, size8193.without("c")))
                .doesNotThrowAnyException();
    }

    @Test
    void tighterKeyStringAndIntegerLimitsApply() {
        TwinValidator strict = TwinValidator.of(TwinLimits.builder().maxKeyBytes(4).maxStringBytes(3)
                .minInteger(-10).maxInteger(10).build());
        assertThatCode(() -> strict.validateDocument(TwinSection.TAGS, json("{\"abcd\":\"xyz\",\"n\":-10,\"m\":10}")))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(TwinValidationException.class,
                () -> strict.validateDocument(TwinSection.TAGS, json("{\"abcde\":1}"))).rule())
                .isEqualTo(ValidationRule.KEY_TOO_LONG);
        assertThat(catchThrowableOfType(TwinValidationException.class,
                () -> strict.validateDocument(TwinSection.TAGS, json("{\"s\":\"\u00e9\u00e9\"}"))).rule())
                .isEqualTo(ValidationRule.STRING_TOO_LONG);
        assertThat(catchThrowableOfType(TwinValidationException.class,
                () -> strict.validatePatch(TwinSection.TAGS, MergePatch.of(json("{\"n\":11}")))).getMessage())
                .contains("integer 11 is outside [-10, 10]");
    }

    @Test
    void factoriesAndAccessors() {
        assertThat(STANDARD.limits()).isEqualTo(TwinLimits.service());
        assertThat(TwinValidator.of(TwinLimits.builder().build())).isSameAs(STANDARD);
        TwinLimits custom = TwinLimits.builder().maxDepth(3).build();
        assertThat(TwinValidator.of(custom).limits()).isEqualTo(custom);
        assertThat(TwinValidator.of(custom).toString()).contains("maxDepth=3");
        assertThatThrownBy(() -> TwinValidator.of(null)).isInstanceOf(NullPointerException.class).hasMessage("limits");
        EqualsVerifier.forClass(TwinValidator.class).verify();
    }

    @Test
    void sizeSkipsOnlyRootReadOnlyMembersAndRejectsNull() {
        assertThat(STANDARD.size(json("{\"a\":{\"$version\":1}}"))).isEqualTo(1 + 8 + 8);
        JsonObject mixed = json("{\"a\\u0001\":[true,[1.5,\"\\u00e9\\u0000\"]],\"b\":{}}");
        assertThat(STANDARD.size(mixed)).isEqualTo(1 + 13 + 1);
        assertThatThrownBy(() -> STANDARD.size(json("{\"a\":{\"b\":[null]}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b.0' is null");
    }

    // ---- properties of the size algorithm ----

    @Property(tries = 200)
    void generatedDocumentsAreValid(@ForAll("documents") JsonObject document) {
        UNBOUNDED.validateDocument(TwinSection.REPORTED, document);
        assertThat(UNBOUNDED.size(document)).isEqualTo(STANDARD.size(document)).isNotNegative();
    }

    @Property(tries = 200)
    void sizeIsAdditiveOverDisjointMembers(@ForAll("documents") JsonObject a, @ForAll("documents") JsonObject b) {
        JsonObject.Builder merged = a.toBuilder();
        JsonObject.Builder disjoint = JsonObject.builder();
        b.forEach((key, value) -> {
            if (!a.contains(key)) {
                merged.put(key, value);
                disjoint.put(key, value);
            }
        });
        assertThat(STANDARD.size(merged.build())).isEqualTo(STANDARD.size(a) + STANDARD.size(disjoint.build()));
    }

    @Property(tries = 200)
    void addingAKeyAddsItsCharactersAndTheValueSize(@ForAll("documents") JsonObject a, @ForAll("keys") String key,
                                                    @ForAll("values") JsonValue value) {
        Assume.that(!a.contains(key));
        long keyChars = key.codePoints().filter(c -> !Character.isISOControl(c)).count();
        assertThat(STANDARD.size(a.with(key, value)))
                .isEqualTo(STANDARD.size(a) + keyChars + STANDARD.size(JsonObject.of("x", value)) - 1);
    }

    @Property(tries = 200)
    void stringSizeCountsCodePointsThatAreNotControlCharacters(@ForAll("strings") String text) {
        long expected = text.codePoints().filter(c -> !Character.isISOControl(c)).count();
        assertThat(STANDARD.size(JsonObject.of("s", str(text)))).isEqualTo(1 + expected);
    }

    @Provide
    Arbitrary<JsonObject> documents() {
        return objects(3);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("a", "Z", "_", "-", "0", "\u00e9", "\u6e29", "\uD83D\uDE00", "\u200B")
                .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.of("a", " ", "$", ".", "#", "\u00e9", "\u6e29", "\uD83D\uDE00", "\n", "\t", "\u0000",
                "\u007f", "\u0085", "\u009f", "\u00a0", "\u2028")
                .list().ofMaxSize(10).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<JsonValue> values() {
        return values(2);
    }

    private Arbitrary<JsonValue> values(int depth) {
        Arbitrary<JsonValue> leaves = Arbitraries.oneOf(
                strings().map(JsonString::of),
                Arbitraries.longs().between(-(1L << 52), (1L << 52) - 1).map(JsonNumber::of),
                Arbitraries.doubles().between(-1e30, 1e30).map(JsonNumber::of),
                Arbitraries.of(true, false).map(JsonBoolean::of));
        if (depth == 0) {
            return leaves;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaves),
                Tuple.of(1, objects(depth - 1).map(JsonValue.class::cast)),
                Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(JsonArray::copyOf).map(JsonValue.class::cast)));
    }

    private Arbitrary<JsonObject> objects(int depth) {
        return Arbitraries.maps(keys(), values(depth)).ofMaxSize(4).map(JsonObject::copyOf);
    }

    // ---- helpers ----

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }

    private static JsonNumber one() {
        return JsonNumber.of(1);
    }

    private static JsonString str(String text) {
        return JsonString.of(text);
    }

    /** {@code {"l1":{"l2":...{"lN": inner}}}}: {@code inner} is the object at level {@code depth}. */
    private static JsonObject nested(int depth, JsonObject inner) {
        JsonObject current = inner;
        for (int level = depth; level >= 1; level--) {
            current = JsonObject.of("l" + level, current);
        }
        return current;
    }

    private static TwinValidationException documentError(TwinSection section, String json) {
        return documentError(section, json(json));
    }

    private static TwinValidationException documentError(TwinSection section, JsonObject document) {
        TwinValidationException error = catchThrowableOfType(TwinValidationException.class,
                () -> STANDARD.validateDocument(section, document));
        assertThat(error).as("expected %s to be rejected", document).isNotNull();
        assertThat(error.errorCode().code()).isEqualTo(400004);
        assertThat(error.httpStatus()).isEqualTo(400);
        return error;
    }

    private static TwinValidationException patchError(TwinSection section, String json) {
        return patchError(section, MergePatch.of(json(json)));
    }

    private static TwinValidationException patchError(TwinSection section, MergePatch patch) {
        TwinValidationException error = catchThrowableOfType(TwinValidationException.class,
                () -> STANDARD.validatePatch(section, patch));
        assertThat(error).as("expected %s to be rejected", patch).isNotNull();
        return error;
    }
}
