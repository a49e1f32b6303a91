package io.twinkit.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
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
 * Parsing a whole twin as {@code GET /twins/{id}} returns it (with {@code $metadata}; {@link TwinGenerator} twins of
 * about 1, 8 and 32 KB): twinkit's {@link JsonValue#parseObject(byte[])} and {@link TwinDocument#fromJson} to a typed
 * {@link TwinDocument}, against Jackson's {@code readTree} (as configured by default, and rejecting duplicate member
 * names as twinkit always does), the official service SDK's {@link Twin#fromJson(String)}, Gson's
 * {@code JsonParser.parseString}, and a Jackson streaming scan of every token that builds nothing (the floor).
 * {@code twinkitObject} is twinkit's untyped tree alone ({@link JsonValue#parseObject(byte[])}), the like of
 * {@code readTree}.
 *
 * <p>twinkit and Jackson read the UTF-8 bytes; the SDK and Gson take text, so they get a {@code String} decoded in
 * advance and do not pay for the decoding. Average time per parse, in microseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -p size=MEDIUM
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

    /** The twin size. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public Size size = Size.MEDIUM;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectMapper strictMapper = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private final JsonFactory factory = new JsonFactory();
    private byte[] bytes = new byte[0];
    private String text = "";

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public ParseBenchmark() {
    }

    /** Generates the twin and its bytes and text. */
    @Setup
    public void setUp() {
        bytes = TwinGenerator.twin(size).toJsonBytes();
        text = new String(bytes, StandardCharsets.UTF_8);
    }

    /** Returns the serialized twin the benchmarks parse. */
    byte[] bytes() {
        return bytes;
    }

    /** twinkit: bytes to a typed, immutable twin. */
    @Benchmark
    public TwinDocument twinkit() {
        return TwinDocument.fromJson(JsonValue.parseObject(bytes));
    }

    /** twinkit: bytes to an immutable JSON tree, without the typed twin on top. */
    @Benchmark
    public JsonObject twinkitObject() {
        return JsonValue.parseObject(bytes);
    }

    /**
     * Jackson: bytes to a {@code JsonNode} tree.
     *
     * @throws IOException never for the fixture
     */
    @Benchmark
    public JsonNode jacksonReadTree() throws IOException {
        return mapper.readTree(bytes);
    }

    /**
     * Jackson: bytes to a {@code JsonNode} tree, rejecting duplicate member names as twinkit does.
     *
     * @throws IOException never for the fixture
     */
    @Benchmark
    public JsonNode jacksonReadTreeStrict() throws IOException {
        return strictMapper.readTree(bytes);
    }

    /** The official service SDK: text to its {@code Twin}, as its twin client does with a response body. */
    @Benchmark
    public Twin sdkFromJson() {
        return Twin.fromJson(text);
    }

    /** Gson: text to a {@code JsonElement} tree. */
    @Benchmark
    public JsonElement gson() {
        return com.google.gson.JsonParser.parseString(text);
    }

    /**
     * Jackson's streaming parser: every token of the document, nothing built (the floor).
     *
     * @throws IOException never for the fixture
     */
    @Benchmark
    public int jacksonTokenScan() throws IOException {
        int tokens = 0;
        try (JsonParser parser = factory.createParser(bytes)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }
}
