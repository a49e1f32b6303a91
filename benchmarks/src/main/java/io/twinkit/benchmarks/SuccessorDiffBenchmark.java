package io.twinkit.benchmarks;

import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
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
 * Diffing a whole twin document (a {@link TwinGenerator} twin of about 1, 8 or 32 KB, with {@code $metadata}) against
 * its own patched successor: one merge patch that changes the deepest leaf of the desired properties, applied with
 * {@link MergePatch#applyTo(JsonObject)}, so the successor shares every untouched subtree with the document.
 * twinkit's {@link MergePatch#compute} skips shared subtrees; the anchor {@link FullWalkDiff} visits every node, as a
 * diff without structural sharing must. Both return the same one-leaf patch. Average time per diff, in microseconds:
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SuccessorDiffBenchmark -p size=LARGE
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SuccessorDiffBenchmark {

    /** The twin size. */
    @Param({"SMALL", "MEDIUM", "LARGE"})
    public Size size = Size.LARGE;

    private JsonObject document = JsonObject.empty();
    private JsonObject successor = JsonObject.empty();

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public SuccessorDiffBenchmark() {
    }

    /** Parses the twin and derives its successor. */
    @Setup
    public void setUp() {
        document = JsonValue.parseObject(TwinGenerator.twin(size).toJsonBytes());
        successor = changePatch(document).applyTo(document);
    }

    /** Returns the one-leaf patch from the document to its successor. */
    static MergePatch changePatch(JsonObject document) {
        JsonObject desired = (JsonObject) ((JsonObject) document.valueOrNull("properties")).valueOrNull("desired");
        List<String> deepest = new ArrayList<>();
        deepestLeaf(desired, new ArrayList<>(), deepest);
        List<String> path = new ArrayList<>(List.of("properties", "desired"));
        path.addAll(deepest);
        return MergePatch.builder().set(TwinPath.of(path), JsonNumber.of(424242)).build();
    }

    private static void deepestLeaf(JsonObject object, List<String> at, List<String> deepest) {
        for (int i = 0; i < object.size(); i++) {
            String key = object.keyAt(i);
            if (key.startsWith("$")) {
                continue;
            }
            JsonValue value = object.valueAt(i);
            at.add(key);
            if (value instanceof JsonObject nested) {
                deepestLeaf(nested, at, deepest);
            } else if (at.size() > deepest.size()) {
                deepest.clear();
                deepest.addAll(at);
            }
            at.remove(at.size() - 1);
        }
    }

    /** Returns the document. */
    JsonObject document() {
        return document;
    }

    /** Returns the successor. */
    JsonObject successor() {
        return successor;
    }

    /** twinkit: the diff, skipping subtrees the successor shares with the document. */
    @Benchmark
    public MergePatch twinkit() {
        return MergePatch.compute(document, successor);
    }

    /** The anchor: the same diff, visiting every node of both documents. */
    @Benchmark
    public MergePatch fullWalk() {
        return FullWalkDiff.compute(document, successor);
    }
}
