package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
        assertThat(path.lastSegment()).isEqualTo("floor");
        assertThat(path.toString()).isEqualTo("location.plant.floor");
        assertThat(TwinPath.parse("single").segments()).containsExactly("single");
    }

    @Test
    void segmentsMayHoldAnyCharacterButADot() {
        TwinPath path = TwinPath.parse("a b.$c.M\u00fcnchen.\ud83d\ude00.[[x]]");

        assertThat(path.segments()).containsExactly("a b", "$c", "M\u00fcnchen", "\ud83d\ude00", "[[x]]");
        assertThat(path.toString()).isEqualTo("a b.$c.M\u00fcnchen.\ud83d\ude00.[[x]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", ".a", "a.", ".", "..", "a.b.", ".a.b", "a...b"})
    void emptySegmentsAreRejected(String text) {
        assertThatThrownBy(() -> TwinPath.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("empty");
    }

    @Test
    void ofAcceptsAnyNonEmptySegmentsIncludingDots() {
        TwinPath path = TwinPath.of("a.b", "c");

        assertThat(path.size()).isEqualTo(2);
        assertThat(path.segment(0)).isEqualTo("a.b");
        assertThat(path).isNotEqualTo(TwinPath.parse("a.b.c"));
        assertThat(TwinPath.of(List.of("x", "y"))).isEqualTo(TwinPath.parse("x.y"));
        assertThatThrownBy(() -> TwinPath.of("a", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TwinPath.of("a", null)).isInstanceOf(NullPointerException.class);
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
        assertThatThrownBy(() -> path.child("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> path.child(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theRootHasNoParentAndNoLastSegment() {
        assertThatThrownBy(() -> TwinPath.root().parent()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> TwinPath.root().lastSegment()).isInstanceOf(IllegalStateException.class);
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
    }

    @Test
    void equalityIsSegmentWiseAndCaseSensitive() {
        assertThat(TwinPath.parse("a.b")).isEqualTo(TwinPath.of("a", "b")).hasSameHashCodeAs(TwinPath.of("a", "b"));
        assertThat(TwinPath.parse("a.b")).isNotEqualTo(TwinPath.parse("a.B"));
        assertThat(TwinPath.parse("a.b")).isNotEqualTo(TwinPath.parse("b.a"));
    }
}
