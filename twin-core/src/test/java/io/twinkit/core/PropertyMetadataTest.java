package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PropertyMetadataTest {

    private static final String T1 = "2024-01-01T00:00:01Z";
    private static final String T2 = "2024-01-01T00:00:02.2Z";
    private static final String T3 = "2024-01-01T00:00:03.1234567Z";

    /** A partial tree: {@code a} is stamped, {@code a.b} is not, {@code a.b.c} is; {@code x} has no children. */
    private static final String TREE = "{\"$lastUpdated\":\"" + T1 + "\",\"$lastUpdatedVersion\":9,"
            + "\"a\":{\"$lastUpdated\":\"" + T2 + "\",\"$lastUpdatedVersion\":8,"
            + "\"b\":{\"c\":{\"$lastUpdated\":\"" + T3 + "\",\"$lastUpdatedVersion\":7,"
            + "\"$lastUpdatedBy\":\"cfg\",\"$lastUpdatedByDigest\":\"d1\"}}},"
            + "\"x\":{\"$lastUpdated\":\"" + T1 + "\"},"
            + "\"$future\":[1,2]}";

    private static PropertyMetadata tree() {
        return PropertyMetadata.of(JsonValue.parseObject(TREE));
    }

    @Test
    void rootStampIsRead() {
        PropertyMetadata root = tree();

        assertThat(root.lastUpdated()).contains(Instant.parse(T1));
        assertThat(root.lastUpdatedVersion()).hasValue(9);
        assertThat(root.lastUpdatedBy()).isEmpty();
        assertThat(root.lastUpdatedByDigest()).isEmpty();
    }

    @Test
    void childAndAtWalkTheTree() {
        PropertyMetadata root = tree();

        PropertyMetadata c = root.child("a").orElseThrow().child("b").orElseThrow().child("c").orElseThrow();
        assertThat(c.lastUpdated()).contains(Instant.parse(T3));
        assertThat(c.lastUpdated().orElseThrow().getNano()).isEqualTo(123_456_700);
        assertThat(c.lastUpdatedVersion()).hasValue(7);
        assertThat(c.lastUpdatedBy()).contains("cfg");
        assertThat(c.lastUpdatedByDigest()).contains("d1");
        assertThat(root.at(TwinPath.parse("a.b.c"))).contains(c);
        assertThat(root.at(TwinPath.root())).contains(root);
        assertThat(root.at(TwinPath.parse("a.b")).orElseThrow().lastUpdated()).isEmpty();
        assertThat(root.at(TwinPath.parse("a.missing"))).isEmpty();
        assertThat(root.at(TwinPath.parse("a.b.c.d"))).isEmpty();
        assertThat(root.child("missing")).isEmpty();
    }

    @Test
    void dollarMembersAreNeverChildren() {
        PropertyMetadata root = tree();

        assertThat(root.child("$lastUpdated")).isEmpty();
        assertThat(root.child("$future")).isEmpty();
        assertThat(root.at(TwinPath.of("$lastUpdated"))).isEmpty();
        assertThat(root.childNames()).containsExactly("a", "x");
        assertThat(root.child("a").orElseThrow().childNames()).containsExactly("b");
        assertThat(root.child("x").orElseThrow().childNames()).isEmpty();
        assertThatThrownBy(() -> root.childNames().add("y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nearestReturnsTheDeepestStampedNodeOnThePath() {
        PropertyMetadata root = tree();
        PropertyMetadata a = root.child("a").orElseThrow();

        assertThat(root.nearest(TwinPath.parse("a.b.c"))).isEqualTo(root.at(TwinPath.parse("a.b.c")).orElseThrow());
        assertThat(root.nearest(TwinPath.parse("a.b"))).isEqualTo(a);
        assertThat(root.nearest(TwinPath.parse("a.b.missing"))).isEqualTo(a);
        assertThat(root.nearest(TwinPath.parse("a.b.c.deeper")).lastUpdated()).contains(Instant.parse(T3));
        assertThat(root.nearest(TwinPath.parse("x.y")).lastUpdated()).contains(Instant.parse(T1));
        assertThat(root.nearest(TwinPath.parse("missing"))).isSameAs(root);
        assertThat(root.nearest(TwinPath.root())).isSameAs(root);
    }

    @Test
    void nearestOfAnUnstampedTreeIsTheNodeItself() {
        PropertyMetadata bare = PropertyMetadata.of(JsonValue.parseObject("{\"a\":{}}"));

        assertThat(bare.nearest(TwinPath.parse("a"))).isSameAs(bare);
        assertThat(bare.nearest(TwinPath.parse("a")).lastUpdated()).isEmpty();
        assertThat(bare.nearest(TwinPath.parse("a")).lastUpdatedVersion()).isEmpty();
    }

    @Test
    void withChildAddsOrReplacesANode() {
        PropertyMetadata root = tree();
        PropertyMetadata stamp = PropertyMetadata.stamped(Instant.parse(T3), 10);

        PropertyMetadata added = root.withChild("y", stamp);
        PropertyMetadata replaced = root.withChild("a", stamp);

        assertThat(added.child("y")).contains(stamp);
        assertThat(added.childNames()).containsExactly("a", "x", "y");
        assertThat(replaced.child("a")).contains(stamp);
        assertThat(replaced.at(TwinPath.parse("a.b"))).isEmpty();
        assertThat(root.child("y")).isEmpty();
        assertThatThrownBy(() -> root.withChild("$lastUpdated", stamp))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$lastUpdated");
    }

    @Test
    void stampedWritesTheServiceTimestampFormat() {
        PropertyMetadata desired = PropertyMetadata.stamped(Instant.parse("2024-01-01T00:00:00.1234567Z"), 2);
        PropertyMetadata reported = PropertyMetadata.stamped(Instant.parse("2024-01-01T00:00:05.500Z"), -1);

        assertThat(desired.toJson()).isEqualTo(JsonValue.parseObject(
                "{\"$lastUpdated\":\"2024-01-01T00:00:00.1234567Z\",\"$lastUpdatedVersion\":2}"));
        assertThat(reported.toJson()).isEqualTo(JsonValue.parseObject("{\"$lastUpdated\":\"2024-01-01T00:00:05.5Z\"}"));
        assertThat(reported.lastUpdatedVersion()).isEmpty();
        assertThat(PropertyMetadata.stamped(TwinTime.NEVER, 0).toJson())
                .isEqualTo(JsonValue.parseObject(
                        "{\"$lastUpdated\":\"0001-01-01T00:00:00Z\",\"$lastUpdatedVersion\":0}"));
    }

    @Test
    void toJsonKeepsUnknownDollarMembers() {
        JsonObject json = JsonValue.parseObject(TREE);

        assertThat(tree().toJson()).isEqualTo(json);
        assertThat(tree().toString()).isEqualTo(json.toString());
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"$lastUpdated\":5}|$metadata.$lastUpdated|string",
            "{\"$lastUpdatedBy\":true}|$metadata.$lastUpdatedBy|string",
            "{\"$lastUpdatedByDigest\":{}}|$metadata.$lastUpdatedByDigest|string",
            "{\"$lastUpdatedVersion\":\"7\"}|$metadata.$lastUpdatedVersion|integer",
            "{\"$lastUpdatedVersion\":7.5}|$metadata.$lastUpdatedVersion|integer",
            "{\"$lastUpdatedVersion\":null}|$metadata.$lastUpdatedVersion|integer",
            "{\"a\":1}|$metadata.a|object",
            "{\"a\":[]}|$metadata.a|object",
            "{\"a\":null}|$metadata.a|object",
            "{\"a\":{\"b\":\"x\"}}|$metadata.a.b|object",
            "{\"a\":{\"b\":{\"$lastUpdated\":false}}}|$metadata.a.b.$lastUpdated|string"})
    void malformedMetadataIsRejectedWithItsPath(String json, String path, String messagePart) {
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class,
                () -> PropertyMetadata.of(JsonValue.parseObject(json)));

        assertThat(e).as("accepted %s", json).isNotNull();
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains(messagePart);
    }

    @Test
    void badTimestampTextFailsOnlyWhenRead() {
        PropertyMetadata root = PropertyMetadata.of(JsonValue.parseObject(
                "{\"$lastUpdated\":\"" + T1 + "\",\"a\":{\"b\":{\"$lastUpdated\":\"2024-13-01T00:00:00Z\"}}}"));
        PropertyMetadata b = root.at(TwinPath.parse("a.b")).orElseThrow();

        assertThat(root.lastUpdated()).contains(Instant.parse(T1));
        assertThat(b.toJson().valueOrNull("$lastUpdated").asString()).isEqualTo("2024-13-01T00:00:00Z");
        TwinJsonException e = catchThrowableOfType(TwinJsonException.class, b::lastUpdated);
        assertThat(e.path()).isEqualTo("$metadata.a.b.$lastUpdated");
        assertThat(e.getMessage()).contains("2024-13-01T00:00:00Z");
        assertThatThrownBy(() -> root.nearest(TwinPath.parse("a.b")).lastUpdated())
                .isInstanceOf(TwinJsonException.class);
    }

    @Test
    void equalityIgnoresWhereTheNodeWasFound() {
        PropertyMetadata standalone = PropertyMetadata.of(JsonValue.parseObject("{\"$lastUpdated\":\"" + T3 + "\","
                + "\"$lastUpdatedVersion\":7,\"$lastUpdatedBy\":\"cfg\",\"$lastUpdatedByDigest\":\"d1\"}"));
        PropertyMetadata nested = tree().at(TwinPath.parse("a.b.c")).orElseThrow();

        assertThat(nested).isEqualTo(standalone).hasSameHashCodeAs(standalone);
        assertThat(nested).isNotEqualTo(tree().child("x").orElseThrow());
    }
}
