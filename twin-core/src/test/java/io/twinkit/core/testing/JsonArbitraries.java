package io.twinkit.core.testing;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for twin documents and merge patches. Keys come from a small alphabet so that independently
 * generated documents and patches overlap, which is what makes diffs and merges interesting.
 */
public final class JsonArbitraries {

    /** The deepest object nesting that {@link #documents()} and {@link #patches()} produce. */
    public static final int MAX_DEPTH = 5;

    private static final List<String> KEYS = List.of("a", "b", "c", "d", "temp", "Temp", "\u00fc", "\u6e29\u5ea6",
            "\uD83D\uDE00", "x_1");

    private JsonArbitraries() {
    }

    /** Stored documents: nested objects and arrays of scalars and objects, never a {@code null}. */
    public static Arbitrary<JsonObject> documents() {
        return objects(MAX_DEPTH);
    }

    /**
     * Merge patches for {@link #documents()}: {@code null} deletion markers and nested patches as object members,
     * replacement values (scalars, arrays, objects) elsewhere. Arrays never hold {@code null}, so applying a patch to
     * a document gives a document.
     */
    public static Arbitrary<JsonObject> patches() {
        return patchObjects(MAX_DEPTH);
    }

    /** Scalars of every kind: unicode strings, small and huge integers, integral and fractional doubles, booleans. */
    public static Arbitrary<JsonValue> scalars() {
        Arbitrary<JsonValue> strings = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'e').withChars('\u00e9', '\u6e29', ' ', '"', '\\', '\n')
                        .ofMaxLength(4),
                Arbitraries.of("\uD83D\uDE00", "M\u00fcnchen", "e\u0301", "\u00e9", ""))
                .map(text -> (JsonValue) JsonString.of(text));
        Arbitrary<JsonValue> integers = Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 3),
                Arbitraries.longs(),
                Arbitraries.of(1L << 53, (1L << 53) + 1, Long.MIN_VALUE))
                .map(value -> (JsonValue) JsonNumber.of((long) value));
        Arbitrary<JsonValue> bigIntegers = Arbitraries.integers().between(64, 100)
                .map(bits -> (JsonValue) JsonNumber.of(BigInteger.ONE.shiftLeft(bits).negate()));
        Arbitrary<JsonValue> doubles = Arbitraries.oneOf(
                Arbitraries.of(-3.0, -1.0, 0.0, -0.0, 1.0, 2.0, 0.5, 1e20, 9007199254740992.0),
                Arbitraries.doubles().between(-1e6, 1e6))
                .map(value -> (JsonValue) JsonNumber.of((double) value));
        Arbitrary<JsonValue> booleans = Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE).map(JsonArbitraries::widen);
        return Arbitraries.frequencyOf(
                Tuple.of(3, strings), Tuple.of(3, integers), Tuple.of(1, bigIntegers), Tuple.of(2, doubles),
                Tuple.of(1, booleans));
    }

    private static Arbitrary<JsonObject> objects(int depth) {
        Arbitrary<JsonValue> values = depth <= 1 ? scalars() : Arbitraries.lazy(() -> storedValues(depth - 1));
        // the root gets a few members at least, so that most patches leave some subtree untouched
        return Arbitraries.maps(Arbitraries.of(KEYS), values)
                .ofMinSize(depth == MAX_DEPTH ? 2 : 0)
                .ofMaxSize(depth <= 1 ? 3 : 6)
                .map(JsonObject::copyOf);
    }

    private static Arbitrary<JsonValue> storedValues(int depth) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, scalars()),
                Tuple.of(1, arrays(depth)),
                Tuple.of(4, objects(depth).map(JsonArbitraries::widen)));
    }

    private static Arbitrary<JsonValue> arrays(int depth) {
        Arbitrary<JsonValue> elements = Arbitraries.frequencyOf(
                Tuple.of(4, scalars()),
                Tuple.of(1, Arbitraries.lazy(() -> objects(Math.min(depth, 2)).map(JsonArbitraries::widen))),
                Tuple.of(1, scalars().list().ofMaxSize(2).map(list -> widen(JsonArray.copyOf(list)))));
        return elements.list().ofMaxSize(3).map(list -> widen(JsonArray.copyOf(list)));
    }

    private static JsonValue widen(JsonValue value) {
        return value;
    }

    private static Arbitrary<JsonObject> patchObjects(int depth) {
        Arbitrary<JsonValue> nested = depth <= 1
                ? Arbitraries.just(JsonObject.empty())
                : Arbitraries.lazy(() -> patchObjects(depth - 1).map(JsonArbitraries::widen));
        Arbitrary<JsonValue> values = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just((JsonValue) JsonNull.INSTANCE)),
                Tuple.of(4, scalars()),
                Tuple.of(1, arrays(1)),
                Tuple.of(3, nested));
        return Arbitraries.maps(Arbitraries.of(KEYS), values).ofMaxSize(depth <= 1 ? 3 : 4).map(JsonObject::copyOf);
    }
}
