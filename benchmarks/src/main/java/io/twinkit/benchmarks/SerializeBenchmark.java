package io.twinkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinState;
import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing a whole twin to UTF-8 JSON ({@link TwinGenerator} twins of about 1, 8 and 32 KB, parsed in advance by
 * each library from the same bytes): twinkit's {@link TwinDocument#toJson()} then {@link JsonValue#toJsonBytes()},
 * against Jackson's
 * {@code writeValueAsBytes} of a {@code JsonNode}, the official service SDK and Gson's {@code toJson} of a
 * {@code JsonElement}.
 *
 * <p>The SDK has no serializer for a whole {@code Twin}; it writes twins the way its {@code TwinClient.replace} does,
 * as a {@code TwinState} of the tags, desired and reported properties turned into Gson JSON. That output has null
 * identity fields and no {@code $metadata} or {@code $version}, so the SDK writes less than the others. Gson writes
 * JSON nulls, as the others do. Average time per document, in microseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SerializeBenchmark -p size=MEDIUM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SerializeBenchmark {

    /** The twin size. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public Size size = Size.MEDIUM;

    private final ObjectMapper mapper = new ObjectMapper();
    // the JSON nulls of the twin (x509Thumbprint) are written, as the other libraries write them
    private final Gson gson = new GsonBuilder().serializeNulls().create();
    private TwinDocument twin = TwinDocument.builder(io.twinkit.core.DeviceId.of("unset")).build();
    private JsonNode tree = mapper.nullNode();
    private Twin sdkTwin = new Twin();
    private JsonElement gsonTree = com.google.gson.JsonNull.INSTANCE;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public SerializeBenchmark() {
    }

    /**
     * Generates the twin and parses it with each library.
     *
     * @throws IOException never for the fixture
     */
    @Setup
    public void setUp() throws IOException {
        byte[] bytes = TwinGenerator.twin(size).toJsonBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        twin = TwinDocument.fromJson(JsonValue.parseObject(bytes));
        tree = mapper.readTree(bytes);
        sdkTwin = Twin.fromJson(text);
        gsonTree = com.google.gson.JsonParser.parseString(text);
    }

    /** twinkit: the typed twin to its service JSON. */
    @Benchmark
    public byte[] twinkit() {
        return twin.toJson().toJsonBytes();
    }

    /**
     * Jackson: a {@code JsonNode} tree to bytes.
     *
     * @throws IOException never for the fixture
     */
    @Benchmark
    public byte[] jackson() throws IOException {
        return mapper.writeValueAsBytes(tree);
    }

    /** The official service SDK: tags, desired and reported of its {@code Twin}, written as its twin client does. */
    @Benchmark
    public byte[] sdk() {
        return new TwinState(sdkTwin.getTags(), sdkTwin.getDesiredProperties(), sdkTwin.getReportedProperties())
                .toJsonElement().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Gson: a {@code JsonElement} tree to bytes. */
    @Benchmark
    public byte[] gson() {
        return gson.toJson(gsonTree).getBytes(StandardCharsets.UTF_8);
    }
}
