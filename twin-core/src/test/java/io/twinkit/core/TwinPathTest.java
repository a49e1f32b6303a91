package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TwinPathTest {

    @Test
    void emptyTextIsTheRoot() {
        TwinPath root = TwinPath.parse("");

        assertThat(root).isSameAs(TwinPath.root());
        assertThat(root.isRoot()).isTrue();
        assertThat(root.size()).isZero();
        assertThat(root.segments()).isEmpty();
        assertThat(root.toString()).isEmpty();
        assertThat(TwinPath.of()).isSameAs(TwinPath.root());
        assertThat(TwinPath.of(List.of())).isEqualTo(TwinPath.root());
    }

    @Test
    void dotsSeparateSegments() {
        TwinPath path = TwinPath.parse("location.plant.floor");

        assertThat(path.segments()).containsExactly("location", "plant", "floor");
        assertThat(path.size()).isEqualTo(3);
        assertThat(path.isRoot()).isFalse();
        assertThat(path.segment(0)).isEqualTo("location");
        assertThat(path.segment(2)).isEqualTo("floor");
        assertThat(path.firstSegment()).isEqualTo("location");
        assertThat(path.lastSegment()).isEqualTo("floor");
        assertThat(path.toString()).isEqualTo("location.plant.floor");
        assertThat(TwinPath.parse("single").segments()).containsExactly("single");
    }

    @Test
    void namesMayHoldAnyCharacterButADotOrABracket() {
        TwinPath path = TwinPath.parse("$c.M\u00fcnchen.\ud83d\ude00.x]y'z\\.#1.-");

        assertThat(path.segments()).containsExactly("$c", "M\u00fcnchen", "\ud83d\ude00", "x]y'z\\", "#1", "-");
        assertThat(path.toString()).isEqualTo("$c.M\u00fcnchen.\ud83d\ude00.x]y'z\\.#1.-");
    }

    @Test
    void aNameWithWhitespaceIsReadAndWrittenBackQuoted() {
        TwinPath path = TwinPath.parse("a b.c\td");

        assertThat(path.segments()).containsExactly("a b", "c\td");
        assertThat(path).hasToString("['a b']['c\\u0009d']");
        assertThat(TwinPath.parse(path.toString())).isEqualTo(path);
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("a['b.c']", List.of("a", "b.c")),
                Arguments.of("['b.c'].a", List.of("b.c", "a")),
                Arguments.of("['']", List.of("")),
                Arguments.of("a['']", List.of("a", "")),
                Arguments.of("['']['']", List.of("", "")),
                Arguments.of("['a']", List.of("a")),
                Arguments.of("['a'].b['c'].d", List.of("a", "b", "c", "d")),
                Arguments.of("['it\\'s']", List.of("it's")),
                Arguments.of("['C:\\\\dir']", List.of("C:\\dir")),
                Arguments.of("['a]b'].x", List.of("a]b", "x")),
                Arguments.of("['[[x]]']", List.of("[[x]]")),
                Arguments.of("['line\\u000Abreak']", List.of("line\nbreak")),
                Arguments.of("['\\u00e9\\u00C9']", List.of("\u00e9\u00c9")),
                Arguments.of("['\\ud83d\\ude00']", List.of("\ud83d\ude00")),
                Arguments.of("['raw\ttab']", List.of("raw\ttab")),
                Arguments.of("['.[']", List.of(".[")),
                Arguments.of("$metadata.a.$lastUpdated", List.of("$metadata", "a", "$lastUpdated")));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void theGrammarReadsQuotedSegments(String text, List<String> segments) {
        TwinPath path = TwinPath.parse(text);

        assertThat(path.segments()).isEqualTo(segments);
        assertThat(TwinPath.parse(path.toString())).isEqualTo(path);
    }

    static Stream<Arguments> renderings() {
        return Stream.of(
                Arguments.of("a.b", "['a.b']"),
                Arguments.of("a[b", "['a[b']"),
                Arguments.of("", "['']"),
                Arguments.of("a b", "['a b']"),
                Arguments.of("a'b c", "['a\\'b c']"),
                Arguments.of("a\\b c", "['a\\\\b c']"),
                Arguments.of("\t", "['\\u0009']"),
                Arguments.of("\n", "['\\u000A']"),
                Arguments.of("\r", "['\\u000D']"),
                Arguments.of("\u0000", "['\\u0000']"),
                Arguments.of("\u007f", "['\\u007F']"),
                Arguments.of("\u0085", "['\\u0085']"),
                Arguments.of("\u009f", "['\\u009F']"),
                Arguments.of("\u00a0", "['\\u00A0']"),
                Arguments.of("\u1680", "['\\u1680']"),
                Arguments.of("\u2007", "['\\u2007']"),
                Arguments.of("\u2028", "['\\u2028']"),
                Arguments.of("\u3000", "['\\u3000']"),
                Arguments.of("\ud83d", "['\\uD83D']"),
                Arguments.of("x\ude00", "['x\\uDE00']"),
                Arguments.of("\ude00\ud83d", "['\\uDE00\\uD83D']"),
                Arguments.of("a'b", "a'b"),
                Arguments.of("a]b", "a]b"),
                Arguments.of("a\\b", "a\\b"),
                Arguments.of("$version", "$version"),
                Arguments.of("a#b", "a#b"),
                Arguments.of("\u200b", "\u200b"),
                Arguments.of("\ud83d\ude00", "\ud83d\ude00"));
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void everySpecialCharacterIsQuotedOrEscapedAndReadBack(String segment, String text) {
        TwinPath path = TwinPath.of(segment);

        assertThat(path).hasToString(text);
        assertThat(TwinPath.parse(text)).isEqualTo(path);
        TwinPath nested = TwinPath.of("x", segment, "y");
        assertThat(TwinPath.parse(nested.toString())).isEqualTo(nested);
        String between = text.startsWith("[") ? text : "." + text;
        assertThat(nested).hasToString("x" + between + ".y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".a", "a.", ".", "..", "a.b.", ".a.b", "a...b"})
    void emptySegmentsAreRejected(String text) {
        assertThatThrownBy(() -> TwinPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("empty");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("a.['b']", 2, "a quoted segment follows without a dot"),
                Arguments.of("[b]", 1, "' after ["),
                Arguments.of("a[", 2, "' after ["),
                Arguments.of("a[b'].c", 2, "' after ["),
                Arguments.of("['a", 3, "'] to close the segment quoted at index 0"),
                Arguments.of("x['a'", 5, "] after the closing ' of the segment quoted at index 1"),
                Arguments.of("['it's']", 5, "] after the closing '"),
                Arguments.of("['a']b", 5, "'.', '[' or the end of the path"),
                Arguments.of("['a'].", 6, "a name, but found the end of the path"),
                Arguments.of("['\\x']", 2, "an escape"),
                Arguments.of("['\\u12G4']", 2, "an escape"),
                Arguments.of("['\\u12']", 2, "an escape"),
                Arguments.of("['\\u\u0661\u0662\u0663\u0664']", 2, "an escape"),
                Arguments.of("['\\", 2, "an escape"),
                Arguments.of("a..b", 2, "a name, but found '.'"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedTextIsRejectedNamingThePosition(String text, int index, String expected) {
        assertThatThrownBy(() -> TwinPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid path '" + text + "' at index " + index + ": expected ")
                .hasMessageContaining(expected);
    }

    @Test
    void theErrorMessageShowsInvisibleCharactersEscaped() {
        assertThatThrownBy(() -> TwinPath.parse("a\nb..c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid path 'a\\u000Ab..c' at index 4")
                .hasMessageNotContaining("\n");
    }

    @Test
    void ofAcceptsAnySegmentsIncludingDotsAndEmptyOnes() {
        TwinPath path = TwinPath.of("a.b", "c");

        assertThat(path.size()).isEqualTo(2);
        assertThat(path.segment(0)).isEqualTo("a.b");
        assertThat(path).isNotEqualTo(TwinPath.parse("a.b.c")).hasToString("['a.b'].c");
        assertThat(TwinPath.of(List.of("x", "y"))).isEqualTo(TwinPath.parse("x.y"));
        assertThat(TwinPath.of("a", "")).hasToString("a['']").isNotEqualTo(TwinPath.of("a"));
        assertThat(TwinPath.of("")).isNotEqualTo(TwinPath.root()).hasToString("['']");
        assertThatThrownBy(() -> TwinPath.of("a", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("segments[1]");
        assertThatThrownBy(() -> TwinPath.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ofCopiesItsArgument() {
        String[] segments = {"a", "b"};
        TwinPath path = TwinPath.of(segments);
        segments[0] = "changed";

        assertThat(path.segments()).containsExactly("a", "b");
        assertThatThrownBy(() -> path.segments().set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void childAndParentAreInverse() {
        TwinPath path = TwinPath.parse("a.b");

        TwinPath child = path.child("c");

        assertThat(child).isEqualTo(TwinPath.parse("a.b.c"));
        assertThat(child.parent()).isEqualTo(path);
        assertThat(path).isEqualTo(TwinPath.parse("a.b"));
        assertThat(TwinPath.root().child("x")).isEqualTo(TwinPath.parse("x"));
        assertThat(TwinPath.parse("x").parent()).isSameAs(TwinPath.root());
        assertThat(path.child("")).isEqualTo(TwinPath.of("a", "b", "")).hasToString("a.b['']");
        assertThat(path.child("c.d").parent()).isEqualTo(path);
        assertThatThrownBy(() -> path.child(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void appendJoinsTwoPaths() {
        TwinPath tags = TwinPath.of("tags");

        assertThat(tags.append(TwinPath.parse("location.plant"))).isEqualTo(TwinPath.parse("tags.location.plant"));
        assertThat(tags.append(TwinPath.of("a.b"))).isEqualTo(TwinPath.of("tags", "a.b"));
        assertThat(tags.append(TwinPath.root())).isSameAs(tags);
        assertThat(TwinPath.root().append(tags)).isSameAs(tags);
        assertThat(tags.append(TwinPath.of("x")).parent()).isEqualTo(tags);
        assertThat(tags.segments()).containsExactly("tags");
        assertThatThrownBy(() -> tags.append(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theRootHasNoParentAndNoFirstOrLastSegment() {
        assertThatThrownBy(() -> TwinPath.root().parent()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> TwinPath.root().lastSegment()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TwinPath.root().firstSegment()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TwinPath.root().segment(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> TwinPath.parse("a").segment(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> TwinPath.parse("a").segment(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void startsWithComparesWholeSegments() {
        TwinPath path = TwinPath.parse("a.bc.d");

        assertThat(path.startsWith(TwinPath.root())).isTrue();
        assertThat(path.startsWith(TwinPath.parse("a"))).isTrue();
        assertThat(path.startsWith(TwinPath.parse("a.bc"))).isTrue();
        assertThat(path.startsWith(path)).isTrue();
        assertThat(path.startsWith(TwinPath.parse("a.b"))).isFalse();
        assertThat(path.startsWith(TwinPath.parse("a.bc.d.e"))).isFalse();
        assertThat(path.startsWith(TwinPath.parse("A"))).isFalse();
        assertThat(TwinPath.root().startsWith(TwinPath.root())).isTrue();
        assertThat(TwinPath.root().startsWith(path)).isFalse();
        assertThat(TwinPath.of("a.bc", "d").startsWith(TwinPath.of("a"))).isFalse();
    }

    @Test
    void equalityIsSegmentWiseAndCaseSensitive() {
        assertThat(TwinPath.parse("a.b")).isEqualTo(TwinPath.of("a", "b")).hasSameHashCodeAs(TwinPath.of("a", "b"));
        assertThat(TwinPath.parse("a.b")).isNotEqualTo(TwinPath.parse("a.B"));
        assertThat(TwinPath.parse("a.b")).isNotEqualTo(TwinPath.parse("b.a"));
        assertThat(TwinPath.parse("['a'].b")).isEqualTo(TwinPath.parse("a.b"));
    }

    @Test
    void orderIsSegmentWiseWithParentsFirst() {
        List<TwinPath> paths = new ArrayList<>(List.of(TwinPath.parse("b"), TwinPath.parse("a.b"),
                TwinPath.parse("a"), TwinPath.root(), TwinPath.parse("A.z"), TwinPath.of("a", ""),
                TwinPath.parse("ab")));
        Collections.shuffle(paths, new java.util.Random(15));
        Collections.sort(paths);

        assertThat(paths).containsExactly(TwinPath.root(), TwinPath.parse("A.z"), TwinPath.parse("a"),
                TwinPath.of("a", ""), TwinPath.parse("a.b"), TwinPath.parse("ab"), TwinPath.parse("b"));
        assertThat(TwinPath.parse("a.b").compareTo(TwinPath.of("a", "b"))).isZero();
    }

    @Test
    void aPathSurvivesSerializationAndTheRootStaysTheRoot() throws IOException, ClassNotFoundException {
        TwinPath path = TwinPath.of("a", "b.c", "");

        assertThat(roundTrip(path)).isEqualTo(path).hasToString("a['b.c']['']");
        assertThat(roundTrip(TwinPath.root())).isSameAs(TwinPath.root());
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
