package io.twinkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.jackson.TwinJson;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every parser and serializer of the parse and serialize benchmarks reads and writes the same twin. */
class ParseAndSerializeEquivalenceTest {

    private static final TwinJson JSON = TwinJson.standard();

    private static ParseBenchmark parse(Size size) {
        ParseBenchmark benchmark = new ParseBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        return benchmark;
    }

    private static SerializeBenchmark serialize(Size size) throws IOException {
        SerializeBenchmark benchmark = new SerializeBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        return benchmark;
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void everyTreeParserReadsTheWholeTwin(Size size) throws IOException {
        ParseBenchmark benchmark = parse(size);
        JsonObject expected = TwinGenerator.twin(size);

        // twinkit writes a thumbprint with exactly its modelled members: {} for one without thumbprints
        assertThat(benchmark.twinkit().toJson().without("x509Thumbprint"))
                .isEqualTo(expected.without("x509Thumbprint"));
        assertThat(benchmark.twinkitObject()).isEqualTo(expected);
        assertThat(JSON.fromJsonNode(benchmark.jacksonReadTree())).isEqualTo(expected);
        assertThat(JsonValue.parse(new GsonBuilder().serializeNulls().create().toJson(benchmark.gson())))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void sdkReadsTheIdentityAndEveryProperty(Size size) {
        ParseBenchmark benchmark = parse(size);
        TwinDocument expected = TwinDocument.fromJson(TwinGenerator.twin(size));

        Twin twin = benchmark.sdkFromJson();

        assertThat(twin.getDeviceId()).isEqualTo(expected.deviceId().value());
        assertThat(twin.getETag()).isEqualTo(expected.etag().orElseThrow().value());
        assertThat(twin.getVersion()).isEqualTo((int) expected.version().orElseThrow());
        assertThat(propertiesOf(new Gson().toJson(twin.getTags()))).isEqualTo(expected.tags().toJson());
        assertThat(propertiesOf(new Gson().toJson(twin.getDesiredProperties())))
                .isEqualTo(expected.desired().properties().toJson());
        assertThat(propertiesOf(new Gson().toJson(twin.getReportedProperties())))
                .isEqualTo(expected.reported().properties().toJson());
        assertThat(twin.getDesiredProperties().getVersion()).isEqualTo((int) expected.desired().version()
                .orElseThrow());
        assertThat(twin.getDesiredProperties().getTwinMetadata()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void tokenScanVisitsEveryTokenOfTheTwin(Size size) throws IOException {
        ParseBenchmark benchmark = parse(size);

        assertThat(benchmark.jacksonTokenScan()).isEqualTo(tokens(TwinGenerator.twin(size)));
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void twinkitJacksonAndGsonWriteTheWholeTwin(Size size) throws IOException {
        SerializeBenchmark benchmark = serialize(size);
        JsonObject expected = TwinGenerator.twin(size);

        assertThat(JsonValue.parseObject(benchmark.twinkit()).without("x509Thumbprint"))
                .isEqualTo(expected.without("x509Thumbprint"));
        assertThat(JsonValue.parseObject(benchmark.jackson())).isEqualTo(expected);
        assertThat(JsonValue.parseObject(benchmark.gson())).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void sdkWritesTagsAndPropertiesWithoutMetadata(Size size) throws IOException {
        SerializeBenchmark benchmark = serialize(size);
        TwinDocument expected = TwinDocument.fromJson(TwinGenerator.twin(size));

        JsonObject written = JsonValue.parseObject(benchmark.sdk());

        assertThat(written.valueOrNull("tags")).isEqualTo(expected.tags().toJson());
        JsonObject properties = (JsonObject) written.valueOrNull("properties");
        assertThat(propertiesOf(properties.valueOrNull("desired").toString()))
                .isEqualTo(expected.desired().properties().toJson());
        assertThat(propertiesOf(properties.valueOrNull("reported").toString()))
                .isEqualTo(expected.reported().properties().toJson());
        assertThat(written.valueOrNull("deviceId").isNull()).isTrue();
        assertThat(((JsonObject) properties.valueOrNull("desired")).contains("$metadata")).isFalse();
    }

    /** The user properties of a section's JSON: without {@code $version} and {@code $metadata}. */
    private static JsonObject propertiesOf(String json) {
        return JsonValue.parseObject(json).without("$version").without("$metadata");
    }

    private static int tokens(JsonValue value) {
        if (value instanceof JsonObject object) {
            int count = 2;
            for (int i = 0; i < object.size(); i++) {
                count += 1 + tokens(object.valueAt(i));
            }
            return count;
        }
        if (value instanceof JsonArray array) {
            int count = 2;
            for (JsonValue element : array) {
                count += tokens(element);
            }
            return count;
        }
        return 1;
    }
}
