package io.twinkit.reliability.hostile;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of JSON for the fuzz targets: anything well-formed ({@link #values}), and patches that are sometimes
 * valid twin patches and sometimes break a rule ({@link #patches}: forbidden and overlong keys, {@code $} keys,
 * overlong strings, out-of-range integers, {@code null} in arrays, nesting past the limit, deletions).
 */
final class JsonArbitraries {

    /** Keys a twin accepts, and keys it must refuse. */
    private static final List<String> KEYS = List.of("a", "b", "temp", "config", "x_1", "Ünïcödé", "k-9",
            "$version", "$metadata", "$x", "a.b", "a b", "a#b", "", "tab\tkey", "nul\u0000key", "k".repeat(1025),
            "\ud83d\ude00", "[[group]]", "'", "\"");

    private JsonArbitraries() {
    }

    /** Returns any JSON value up to {@code depth} levels of objects and arrays. */
    static Arbitrary<JsonValue> values(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JsonString::of),
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.doubles().map(d -> (JsonValue) JsonNumber.of(d)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
                        .map(JsonNumber::of),
                Arbitraries.of(true, false).map(JsonBoolean::of),
                Arbitraries.just(JsonNull.INSTANCE));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> inner = Arbitraries.lazy(() -> values(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, objects(Arbitraries.strings().ofMaxLength(8), inner)),
                Tuple.of(1, inner.list().ofMaxSize(4).map(JsonArray::copyOf)));
    }

    /** Returns patches for a twin section: mostly plausible, often breaking exactly one rule. */
    static Arbitrary<JsonObject> patches() {
        return objects(Arbitraries.of(KEYS), patchValues(12)).map(JsonObject.class::cast);
    }

    /** Returns valid twin sections: plain keys, plain values, a few levels. */
    static Arbitrary<JsonObject> sections() {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(12).map(JsonString::of),
                Arbitraries.longs().between(-1_000_000, 1_000_000).map(JsonNumber::of),
                Arbitraries.of(true, false).map(JsonBoolean::of));
        Arbitrary<String> keys = Arbitraries.of("a", "b", "temp", "config", "mode", "level");
        Arbitrary<JsonValue> nested = objects(keys, leaf);
        return objects(keys, Arbitraries.frequencyOf(Tuple.of(3, leaf),
                Tuple.of(1, nested))).map(JsonObject.class::cast);
    }

    private static Arbitrary<JsonValue> patchValues(int depth) {
        Arbitrary<JsonValue> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(JsonString::of),
                Arbitraries.just(JsonString.of("s".repeat(4097))),
                Arbitraries.longs().map(JsonNumber::of),
                Arbitraries.of(BigInteger.TWO.pow(63), BigInteger.TWO.pow(70).negate()).map(JsonNumber::of),
                Arbitraries.doubles().map(d -> (JsonValue) JsonNumber.of(d)),
                Arbitraries.of(true, false).map(JsonBoolean::of),
                Arbitraries.just(JsonNull.INSTANCE),
                Arbitraries.just(JsonArray.of(JsonNumber.of(1), JsonNull.INSTANCE)),
                Arbitraries.just(JsonArray.of(JsonString.of("x"), JsonArray.of(JsonNumber.of(2)))));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonValue> inner = Arbitraries.lazy(() -> patchValues(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(2, objects(Arbitraries.of(KEYS), inner)));
    }

    private static Arbitrary<JsonValue> objects(Arbitrary<String> keys, Arbitrary<JsonValue> values) {
        return Combinators.combine(keys, values).as(Map::entry).list().ofMaxSize(4).map(entries -> {
            Map<String, JsonValue> members = new LinkedHashMap<>();
            entries.forEach(entry -> members.putIfAbsent(entry.getKey(), entry.getValue()));
            return JsonObject.copyOf(members);
        });
    }
}
