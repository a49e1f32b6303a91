package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.KeyRules;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The text form of {@link TwinPath} over arbitrary segments and arbitrary text. */
class TwinPathPropertiesTest {

    /** Every character that means something to the grammar or to the rendering, and some that do not. */
    private static final String SPECIALS = ".['\\]u0aF $#\t\n\u0000\u007f\u0085\u00a0\u2028\u3000\ud83d\ude00";
    private static final Pattern ERROR = Pattern.compile("invalid path '.*' at index (\\d+): expected .+",
            Pattern.DOTALL);

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars(SPECIALS).ofMaxLength(6),
                Arbitraries.strings().alpha().numeric().withChars("_-$").ofMinLength(1).ofMaxLength(10));
    }

    @Provide
    Arbitrary<TwinPath> paths() {
        return segments().list().ofMaxSize(6).map(TwinPath::of);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(SPECIALS).ofMaxLength(14),
                Arbitraries.strings().withChars(".['\\]ab").ofMaxLength(14),
                paths().map(TwinPath::toString),
                Arbitraries.strings().all().ofMaxLength(10));
    }

    @Property(tries = 2000)
    void parsingTheTextGivesThePathBack(@ForAll("paths") TwinPath path) {
        TwinPath read = TwinPath.parse(path.toString());

        assertThat(read).isEqualTo(path);
        assertThat(read.segments()).isEqualTo(path.segments());
        assertThat(read.toString()).isEqualTo(path.toString());
    }

    @Property(tries = 1000)
    void theTextIsOneLineOfVisibleCharacters(@ForAll("paths") TwinPath path) {
        String text = path.toString();

        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(KeyRules.isControl(c)).as("control character at %d of %s", i, text).isFalse();
            assertThat(c != ' ' && KeyRules.isWhitespace(c)).as("whitespace at %d of %s", i, text).isFalse();
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("unpaired surrogate at %d of %s", i, text).isFalse();
            }
        }
    }

    @Property(tries = 1000)
    void pathsOfPlainNamesAreWrittenAsDottedText(@ForAll("plainNames") List<String> names) {
        TwinPath path = TwinPath.of(names);

        assertThat(path).hasToString(String.join(".", names));
        assertThat(TwinPath.parse(String.join(".", names))).isEqualTo(path);
    }

    @Provide
    Arbitrary<List<String>> plainNames() {
        return Arbitraries.strings().alpha().numeric().withChars("$#_-'\\]\u00e9\u20ac").ofMinLength(1)
                .ofMaxLength(12).list().ofMaxSize(6);
    }

    @Property(tries = 3000)
    void anyTextIsEitherAPathThatReadsBackOrRejectedAtAPosition(@ForAll("texts") String text) {
        TwinPath path;
        try {
            path = TwinPath.parse(text);
        } catch (IllegalArgumentException rejected) {
            Matcher matcher = ERROR.matcher(rejected.getMessage());
            assertThat(matcher.matches()).as(rejected.getMessage()).isTrue();
            assertThat(Integer.parseInt(matcher.group(1))).isBetween(0, text.length());
            return;
        }
        assertThat(TwinPath.parse(path.toString())).isEqualTo(path);
        assertThat(path.isRoot()).isEqualTo(text.isEmpty());
    }

    @Property(tries = 500)
    void aQuoteTheGrammarDoesNotCloseIsRejected(@ForAll("paths") TwinPath path, @ForAll("segments") String segment) {
        // a segment holding a dot is always written quoted, so the text ends with the quote's closing "']"
        String text = path.child(segment + ".").toString();
        assertThat(text).endsWith("']");
        String cut = text.substring(0, text.length() - 2);

        assertThatThrownBy(() -> TwinPath.parse(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at index ");
    }

    @Property(tries = 1000)
    void structureAgreesWithSegments(@ForAll("paths") TwinPath a, @ForAll("paths") TwinPath b,
                                     @ForAll("segments") String segment) {
        TwinPath joined = a.append(b);

        assertThat(joined.size()).isEqualTo(a.size() + b.size());
        assertThat(joined.startsWith(a)).isTrue();
        assertThat(joined.segments().subList(a.size(), joined.size())).isEqualTo(b.segments());
        assertThat(a.child(segment).parent()).isEqualTo(a);
        assertThat(a.child(segment).lastSegment()).isEqualTo(segment);
        assertThat(a.child(segment).compareTo(a)).isPositive();
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
        assertThat(a.equals(b)).isEqualTo(a.toString().equals(b.toString()));
        if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }
}
