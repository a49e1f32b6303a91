package io.twinkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.TwinPath;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import nl.jqno.equalsverifier.EqualsVerifier;
import org.junit.jupiter.api.Test;

/** {@link QueryPath} is a node that holds a {@link TwinPath}: the path, its segments and its text are the TwinPath's. */
class QueryPathTest {

    @Test
    void theNodeHoldsTheTwinPath() {
        TwinPath path = TwinPath.parse("tags.location['my-key']");

        QueryPath node = new QueryPath(path);

        assertThat(node.twinPath()).isEqualTo(path);
        assertThat(node.twinPath().segments()).containsExactly("tags", "location", "my-key");
        assertThat(QueryPath.of("tags", "location", "my-key")).isEqualTo(node);
        assertThat(node).hasToString("tags.location.[[my-key]]");
        assertThat(node.twinPath()).hasToString("tags.location.my-key");
    }

    @Test
    void theRootFieldTakesTheServicesCasingAndTheRestIsKept() {
        QueryPath node = new QueryPath(TwinPath.parse("PROPERTIES.Reported.Temp"));

        assertThat(node.twinPath()).isEqualTo(TwinPath.of("properties", "Reported", "Temp"));
        assertThat(QueryPath.of("DeviceId").twinPath()).isEqualTo(TwinPath.of("deviceId"));
        assertThat(QueryPath.of("jobid")).isEqualTo(QueryPath.of("jobId"));
        assertThat(QueryPath.of("custom", "DeviceId").twinPath().segments()).containsExactly("custom", "DeviceId");
    }

    @Test
    void aPathTheQueryLanguageCannotHoldIsRejected() {
        assertThatThrownBy(() -> new QueryPath(TwinPath.root())).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("at least one segment");
        assertThatThrownBy(() -> new QueryPath(TwinPath.of("tags", "a.b"))).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("'.'");
        assertThatThrownBy(() -> new QueryPath(TwinPath.parse("tags['']"))).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> new QueryPath(TwinPath.parse("properties.desired.$version")))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("'$'");
        assertThatThrownBy(() -> QueryPath.of("tags", "a]]")).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> new QueryPath(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityIsThatOfTheCanonicalTwinPath() {
        EqualsVerifier.forClass(QueryPath.class)
                .withPrefabValues(TwinPath.class, TwinPath.of("tags", "red"), TwinPath.of("tags", "blue"))
                .verify();
        assertThat(QueryPath.of("Tags", "x")).isEqualTo(QueryPath.of("tags", "x"))
                .hasSameHashCodeAs(QueryPath.of("tags", "x"));
        assertThat(QueryPath.of("tags", "X")).isNotEqualTo(QueryPath.of("tags", "x"));
    }

    @Provide
    Arbitrary<QueryPath> paths() {
        return QueryArbitraries.paths();
    }

    @Property(tries = 500)
    void bothTextFormsReadBackIntoTheSameNode(@ForAll("paths") QueryPath node) {
        assertThat(new QueryPath(TwinPath.parse(node.twinPath().toString()))).isEqualTo(node);
        assertThat(QueryParser.parseCondition(node.toString())).isEqualTo(node);
        assertThat(node.toString()).isEqualTo(SqlText.path(node.twinPath()));
        assertThat(SqlText.checkPath(node.twinPath())).isSameAs(node.twinPath());
    }
}
