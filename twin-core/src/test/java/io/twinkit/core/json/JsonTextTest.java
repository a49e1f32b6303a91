package io.twinkit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text form of the JSON tree: {@link JsonValue#parse}, {@link JsonValue#parseObject}, {@code toString()},
 * {@link JsonValue#toJsonBytes()} and {@link JsonValue#writeTo}.
 */
class JsonTextTest {
    private static final String SAMPLE = "{\"a\":[1,2.5,\"x\"],\"b\":{\"c\":true,\"d\":null}}";
    private static final JsonObject SAMPLE_VALUE = JsonObject.of(
            "a", JsonArray.of(JsonNumber.of(1), JsonNumber.of(2.5), JsonString.of("x")),
            "b", JsonObject.of("c", JsonBoolean.TRUE, "d", JsonNull.INSTANCE));

    /** An input stream that remembers whether it was closed. */
    private static final class TrackingInputStream extends ByteArrayInputStream {
        boolean closed;

        TrackingInputStream(String text) {
            super(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /** A reader that remembers whether it was closed. */
    private static final class TrackingReader extends StringReader {
        boolean closed;

        TrackingReader(String text) {
            super(text);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }

    @Test
    void readsTheSameValueFromEverySource() {
        assertThat(JsonValue.parse(SAMPLE)).isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parse(SAMPLE.getBytes(StandardCharsets.UTF_8))).isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parse(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parse(new StringReader(SAMPLE))).isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parseObject(SAMPLE)).isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parseObject(SAMPLE.getBytes(StandardCharsets.UTF_8))).isEqualTo(SAMPLE_VALUE);
        assertThat(JsonValue.parseObject(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(SAMPLE_VALUE);
    }

    @Test
    void detectsUtf16Input() {
        byte[] utf16 = "{\"k\":\"M\u00fcnchen\"}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(JsonValue.parse(utf16)).isEqualTo(JsonObject.of("k", JsonString.of("M\u00fcnchen")));
    }

    @Test
    void streamsAreReadToTheEndButNotClosed() {
        TrackingInputStream in = new TrackingInputStream(SAMPLE + "  \n");
        assertThat(JsonValue.parse(in)).isEqualTo(SAMPLE_VALUE);
        assertThat(in.closed).isFalse();
        assertThat(in.available()).isZero();

        TrackingReader reader = new TrackingReader(SAMPLE);
        assertThat(JsonValue.parse(reader)).isEqualTo(SAMPLE_VALUE);
        assertThat(reader.closed).isFalse();

        TrackingInputStream objectIn = new TrackingInputStream(SAMPLE);
        JsonValue.parseObject(objectIn);
        assertThat(objectIn.closed).isFalse();

        TrackingInputStream bad = new TrackingInputStream("{\"a\":");
        assertThatThrownBy(() -> JsonValue.parse(bad)).isInstanceOf(TwinJsonException.class);
        assertThat(bad.closed).isFalse();
    }

    @Test
    void failingStreamsRaiseUncheckedIoException() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThatThrownBy(() -> JsonValue.parse(broken)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk gone");
        Reader brokenReader = new Reader() {
            @Override
            public int read(char[] buffer, int off, int len) throws IOException {
                throw new IOException("pipe closed");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> JsonValue.parse(brokenReader)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("pipe closed");
    }

    @Test
    void writesCompactUnescapedUtf8AndEscapesControlCharacters() {
        JsonObject value = JsonObject.builder()
                .put("city", "M\u00fcnchen \u6e29\u5ea6 \uD83D\uDE00")
                .put("ctl", "tab\there\nnew\u0001\u001f \"q\" \\")
                .put("int", 3L)
                .put("dbl", 3.0)
                .put("big", JsonNumber.of(BigInteger.ONE.shiftLeft(63)))
                .put("exp", 1e20)
                .put("list", JsonArray.of(JsonBoolean.TRUE, JsonNull.INSTANCE, JsonObject.empty(), JsonArray.empty()))
                .build();
        String expected = "{\"city\":\"M\u00fcnchen \u6e29\u5ea6 \uD83D\uDE00\","
                + "\"ctl\":\"tab\\there\\nnew\\u0001\\u001F \\\"q\\\" \\\\\","
                + "\"int\":3,\"dbl\":3.0,\"big\":9223372036854775808,\"exp\":1.0E20,"
                + "\"list\":[true,null,{},[]]}";
        assertThat(value.toString()).isEqualTo(expected);
        assertThat(value.toJsonBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(value).hasToString(expected);
        assertThat(JsonValue.parse(expected)).isEqualTo(value);
    }

    @Test
    void namesWrittenAgainAndAgainComeOutTheSame() {
        // names that come back are written from a cache of their UTF-8 form; the text must not change
        JsonObject value = JsonObject.builder()
                .put("plain", 1)
                .put("M\u00fcnchen \u6e29\u5ea6 \uD83D\uDE00", 2)
                .put("tab\there \"q\" \\ \u0001", 3)
                .put("\ud800lone", 4)
                .put("", 5)
                .build();
        String expected = "{\"plain\":1,\"M\u00fcnchen \u6e29\u5ea6 \uD83D\uDE00\":2,"
                + "\"tab\\there \\\"q\\\" \\\\ \\u0001\":3,\"\\uD800lone\":4,\"\":5}";
        for (int i = 0; i < 5; i++) {
            assertThat(value.toString()).isEqualTo(expected);
            assertThat(value.toJsonBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(JsonValue.parse(expected)).isEqualTo(value);
    }

    @Test
    void documentsLargerThanTheWriteBufferAreWrittenWhole() {
        JsonArray.Builder builder = JsonArray.builder();
        for (int i = 0; i < 20_000; i++) {
            builder.add(JsonObject.of("index", JsonNumber.of(i), "text", JsonString.of("x".repeat(i % 50))));
        }
        JsonArray big = builder.build();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = big.toJsonBytes();
            assertThat(bytes.length).isGreaterThan(600_000);
            assertThat(JsonValue.parse(bytes)).isEqualTo(big);
        }
        assertThat(SAMPLE_VALUE.toJsonBytes()).isEqualTo(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writeValueFlushesButDoesNotCloseTheStream() {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SAMPLE_VALUE.writeTo(out);
        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(SAMPLE);
    }

    @Test
    void integersAndDoublesSurviveARoundTrip() {
        JsonValue value = JsonValue.parse("[3,3.0,-0,-0.0,1E2,0.1,-7]");
        String written = value.toString();
        assertThat(written).isEqualTo("[3,3.0,0,-0.0,100.0,0.1,-7]");
        JsonArray back = JsonValue.parse(written).asArray();
        assertThat(back.get(0).asNumber().isIntegral()).isTrue();
        assertThat(back.get(1).asNumber().isIntegral()).isFalse();
        assertThat(back.get(2).asNumber().isIntegral()).isTrue();
        assertThat(back.get(3).asNumber().isIntegral()).isFalse();
        assertThat(back.get(4).asNumber().isIntegral()).isFalse();
        assertThat(back).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1000000000000000000000000000000", "9007199254740993", "-4503599627370497"})
    void largeIntegersAreNeverRounded(String text) {
        JsonNumber number = JsonValue.parse(text).asNumber();
        assertThat(number.isIntegral()).isTrue();
        assertThat(number.bigIntegerValueOrNull()).isEqualTo(new BigInteger(text));
        assertThat(number.toString()).isEqualTo(text);
        assertThat(JsonValue.parse("{\"n\":" + text + "}").toString()).isEqualTo("{\"n\":" + text + "}");
    }

    @Test
    void doublesOutsideTheDoubleRangeAreRejectedWithTheirPath() {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> JsonValue.parse("{\"x\":{\"y\":[1,1e400]}}"));
        assertThat(e.path()).isEqualTo("x.y.1");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_FORMAT_ERROR);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unterminated string", "{\"a\": \"abc", 1, 11),
                Arguments.of("unterminated string on line 2", "{\n  \"a\": \"abc", 2, 12),
                Arguments.of("raw newline inside a string", "{\n\"a\": \"abc\n\"}", 2, 10),
                Arguments.of("missing colon", "{\"a\" 1}", 1, 6),
                Arguments.of("missing colon on line 3", "{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7),
                Arguments.of("trailing comma in object", "{\"a\":1,}", 1, 8),
                Arguments.of("trailing comma in array", "[1,2,]", 1, 6),
                Arguments.of("second value after the first", "{\"a\":1}\n  {}", 2, 3),
                Arguments.of("trailing number", "[1] 2", 1, 5),
                Arguments.of("empty input", "", 1, 1),
                Arguments.of("whitespace only", "  \n\t ", 1, 1),
                // a duplicate is reported at the start of the repeated name
                Arguments.of("duplicate key", "{\"a\":1,\n \"a\":2}", 2, 2),
                Arguments.of("duplicate key among many", "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,"
                        + "\"h\":8,\"i\":9,\"j\":10,\n  \"c\":0}", 2, 3),
                Arguments.of("unclosed array", "[1,2", 1, 5),
                Arguments.of("NaN literal", "{\"a\":NaN}", 1, 9),
                Arguments.of("single quotes", "{'a':1}", 1, 2),
                Arguments.of("comment", "/* c */ {}", 1, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedJsonIsRejectedWithLineAndColumn(String description, String text, int line, int column) {
        for (Function<String, JsonValue> reader : readers()) {
            TwinJsonException e = catchThrowableOfType(TwinJsonException.class, () -> reader.apply(text));
            assertThat(e).as("%s rejects %s", reader, description).isNotNull();
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.column()).isEqualTo(column);
            assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.IOT_HUB_FORMAT_ERROR);
            assertThat(e.errorCode().code()).isEqualTo(400006);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).contains("[line " + line + ", column " + column + "]");
        }
    }

    private static java.util.List<Function<String, JsonValue>> readers() {
        return java.util.List.of(
                JsonValue::parse,
                text -> JsonValue.parse(text.getBytes(StandardCharsets.UTF_8)),
                text -> JsonValue.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))),
                text -> JsonValue.parse(new StringReader(text)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 17, 39})
    void aRepeatedNameIsFoundInLargeObjectsToo(int repeated) {
        // past 16 members the reader looks names up through a hash table; "Aa" and "BB" share a hash code
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            String key = (i % 2 == 0 ? "Aa" : "BB") + i;
            text.append(i == 0 ? "" : ",").append("\"").append(key).append("\":").append(i);
        }
        assertThat(JsonValue.parseObject(text + "}").size()).isEqualTo(40);
        String name = (repeated % 2 == 0 ? "Aa" : "BB") + repeated;
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> JsonValue.parse(text + ",\"" + name + "\":0}"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Duplicate field '" + name + "'");
        assertThat(JsonValue.parseObject(text + ",\"AaBB\":0,\"BBAa\":1}").size()).isEqualTo(42);
    }

    @Test
    void errorsNameTheMemberPath() {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> JsonValue.parse("{\"outer\":{\"a\":1,\"a\":2}}"));
        assertThat(e.path()).isEqualTo("outer.a");
        assertThat(e.getMessage()).contains("Duplicate field 'a'").contains("(at 'outer.a')");
    }

    @Test
    void noPartialDocumentIsReturned() {
        assertThatThrownBy(() -> JsonValue.parse("{\"a\":1,\"b\":")).isInstanceOf(TwinJsonException.class);
        assertThatThrownBy(() -> JsonValue.parse("{\"a\":1} {\"b\":2}")).isInstanceOf(TwinJsonException.class);
        assertThatThrownBy(() -> JsonValue.parseObject("{\"a\":[1,2,3}")).isInstanceOf(TwinJsonException.class);
        assertThatThrownBy(() -> JsonValue.parseObject("{\"a\":null")).isInstanceOf(TwinJsonException.class);
    }

    @Test
    void readObjectRejectsOtherValues() {
        for (String text : new String[] {"[]", "1", "\"s\"", "null", "true"}) {
            TwinJsonException e = catchThrowableOfType(TwinJsonException.class, () -> JsonValue.parseObject(text));
            assertThat(e).as(text).isNotNull();
            assertThat(e.getMessage()).contains("expected a JSON object");
            assertThat(e.line()).isEqualTo(-1);
            assertThat(e.errorCode().code()).isEqualTo(400006);
        }
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> JsonValue.parse((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("json");
        assertThatThrownBy(() -> JsonValue.parse((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JsonValue.parse((InputStream) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JsonValue.parse((java.io.Reader) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JsonValue.parseObject((String) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SAMPLE_VALUE.writeTo(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("out");
    }
}
