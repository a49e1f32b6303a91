package io.twinkit.query;

import static io.twinkit.query.TwinQuery.deviceId;
import static io.twinkit.query.TwinQuery.field;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a value holds, the DSL writes it as one string literal that reads back as exactly that value, so no value
 * can add to a query's structure.
 */
class DslLiteralPropertiesTest {

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("'", "\\", "\"", "\\'", "' OR '1'='1", "]]", "[[", "\n", "\u0000",
                "\u2028", "--", ";", " ", "a", "\u00e9", "\uD83D\uDE00", "\\u0027", ")");
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                pieces.list().ofMaxSize(12).map(list -> String.join("", list)));
    }

    @Property
    void aStringValueIsOneLiteralThatReadsBackAsTheValue(@ForAll("hostile") String value) {
        String sql = selectAll().fromDevices().where(tag("owner").eq(value)).toSql();
        String prefix = "SELECT * FROM devices WHERE tags.owner = ";

        assertThat(sql).startsWith(prefix);
        List<String> literals = readLiterals(sql.substring(prefix.length()));
        assertThat(literals).containsExactly(value);
    }

    @Property
    void listValuesAreOneLiteralEach(@ForAll("hostile") String first, @ForAll("hostile") String second) {
        String sql = deviceId().in(first, second).toString();

        assertThat(sql).startsWith("deviceId IN [").endsWith("]");
        String inner = sql.substring("deviceId IN [".length(), sql.length() - 1);
        assertThat(readLiterals(inner)).containsExactly(first, second);
    }

    @Property
    void aFunctionArgumentIsOneLiteral(@ForAll("hostile") String prefix) {
        String sql = deviceId().startsWith(prefix).toString();

        assertThat(sql).startsWith("STARTSWITH(deviceId, ").endsWith(")");
        assertThat(readLiterals(sql.substring("STARTSWITH(deviceId, ".length(), sql.length() - 1)))
                .containsExactly(prefix);
    }

    @Property
    void aKeyIsEitherRejectedOrWrittenAsOneSegment(@ForAll("hostile") String key) {
        boolean writable = !key.isEmpty() && !key.contains("]]") && !key.endsWith("]")
                && key.codePoints().noneMatch(c -> c == '.' || c == '$' || c == '#' || Character.isISOControl(c)
                        || isWhiteSpace(c));
        String sql;
        try {
            sql = field("tags", key).toString();
        } catch (InvalidQueryException rejected) {
            assertThat(writable).as("rejected %s: %s", key, rejected.getMessage()).isFalse();
            return;
        }
        assertThat(writable).as("accepted %s", key).isTrue();
        assertThat(sql).isIn("tags." + key, "tags.[[" + key + "]]");
        assertThat(sql.equals("tags." + key)).isEqualTo(key.matches("[A-Za-z_][A-Za-z0-9_]*")
                && !SqlText.isReservedWord(key));
    }

    /** The Unicode White_Space set, as the conformance README lists it. */
    private static boolean isWhiteSpace(int c) {
        return c >= 0x09 && c <= 0x0D || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /**
     * Reads single-quoted literals separated by {@code ", "}, decoding the escapes of the query grammar; fails on
     * anything else, such as a quote that ends a literal early or a raw control character.
     */
    private static List<String> readLiterals(String text) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (true) {
            assertThat(text.charAt(i)).as("opening quote at %d of %s", i, text).isEqualTo('\'');
            StringBuilder value = new StringBuilder();
            i++;
            while (text.charAt(i) != '\'') {
                char c = text.charAt(i);
                assertThat(Character.isISOControl(c)).as("raw control character in %s", text).isFalse();
                if (c == '\\') {
                    char next = text.charAt(i + 1);
                    if (next == 'u') {
                        value.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                        i += 6;
                    } else {
                        assertThat(next).isIn('\\', '\'');
                        value.append(next);
                        i += 2;
                    }
                } else {
                    value.append(c);
                    i++;
                }
            }
            literals.add(value.toString());
            i++;
            if (i == text.length()) {
                return literals;
            }
            assertThat(text.substring(i, i + 2)).as("separator at %d of %s", i, text).isEqualTo(", ");
            i += 2;
        }
    }
}
