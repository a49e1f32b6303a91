package io.twinkit.query;

import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.eval.CompiledQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the example of the README's "A taste of twin-query-dsl" section, statement for statement. */
class ReadmeQueryExampleTest {

    @Test
    void theReadmeExampleBuildsRendersParsesAndEvaluatesTheTutorialQueries() {
        List<TwinDocument> twins = List.of(
                twin("{\"deviceId\":\"myDeviceId\",\"tags\":{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}},"
                        + "\"properties\":{\"desired\":{\"$version\":1},\"reported\":{\"connectivity\":"
                        + "{\"type\":\"cellular\"},\"$version\":2}}}"),
                twin("{\"deviceId\":\"other\",\"tags\":{\"location\":{\"plant\":\"Redmond43\"}}}"),
                twin("{\"deviceId\":\"elsewhere\",\"tags\":{\"location\":{\"plant\":\"Boston12\"}}}"));

        Query inRedmond = selectAll().fromDevices().where(tag("location.plant").eq("Redmond43"));
        Query onCellular = selectAll().fromDevices()
                .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));

        assertThat(onCellular.toSql()).isEqualTo("SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'"
                + " AND properties.reported.connectivity.type = 'cellular'");
        assertThat(tag("owner").eq("x' OR '1'='1").toString()).isEqualTo("tags.owner = 'x\\' OR \\'1\\'=\\'1'");

        Query parsed = Query.parse(onCellular.toSql());
        List<TwinDocument> matches = CompiledQuery.compile(parsed).select(twins);

        assertThat(parsed).isEqualTo(onCellular);
        assertThat(matches).extracting(t -> t.deviceId().value()).containsExactly("myDeviceId");
        assertThat(CompiledQuery.compile(inRedmond).select(twins)).extracting(t -> t.deviceId().value())
                .containsExactlyInAnyOrder("myDeviceId", "other");
    }

    private static TwinDocument twin(String json) {
        return TwinDocument.fromJson(JsonValue.parseObject(json));
    }
}
