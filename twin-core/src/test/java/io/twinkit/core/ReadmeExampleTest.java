package io.twinkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidator;
import org.junit.jupiter.api.Test;

/** Runs the example of the README's "A taste of twin-core" section, statement for statement. */
class ReadmeExampleTest {

    record Location(String region, String plant) {
    }

    @Test
    void theReadmeExampleComputesValidatesAndMapsTheTutorialTags() {
        TwinDocument twin = TwinDocument.fromJson(JsonValue.parseObject("""
                {"deviceId":"myDeviceId","etag":"AAAAAAAAAAE=","version":2,
                 "properties":{"desired":{"$version":1},"reported":{"$version":1}}}"""));

        TwinJson json = TwinJson.standard();
        PropertySet wanted = PropertySet.builder().put("location", json.toJsonValue(new Location("US", "Redmond43")))
                .build();
        MergePatch patch = MergePatch.compute(twin.tags(), wanted);

        PropertySet tags = TwinValidator.standard().apply(TwinSection.TAGS, twin.tags(), patch);
        Location location = json.toValue(tags.getObject("location").orElseThrow(), Location.class);

        assertThat(patch.toString()).isEqualTo("{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}");
        assertThat(tags).isEqualTo(wanted);
        assertThat(location).isEqualTo(new Location("US", "Redmond43"));
    }
}
