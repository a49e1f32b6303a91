package io.twinkit.query;

import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of valid query trees: every node type, every source and select-list shape that {@link Query}
 * allows, literals with quotes, backslashes, control characters and non-BMP text, numbers of every kind and size, and
 * path segments that {@link SqlText} can write, including reserved words and non-ASCII keys.
 */
public final class QueryArbitraries {

    /** The deepest nesting of operators in a generated condition. */
    public static final int MAX_DEPTH = 3;

    /** Pieces that are awkward in query text: quotes, escapes, brackets, SQL fragments, odd Unicode. */
    public static final List<String> HOSTILE_FRAGMENTS = List.of("'", "\"", "\\", "\\'", "\\\\", "' OR '1'='1",
            "x' OR '1'='1' --", "]]", "[[", "]", "[", "\n", "\r\n", "\t", "\u0000", "\u007f", "\u0085", "\\u0027",
            "\\u", "--", "/*", "*/", ";", ")", "(", " OR ", " AND ", "NOT ", "\u2028", "\uD83D\uDE00", "\uD83D",
            "M\u00fcnchen", "group", "$version", "a.b", "#", "\u00a0", "x", " ", "''", "\"\"", ",", "= 1");

    private static final List<String> KEY_SAMPLES = List.of("M\u00fcnchen", "temp\u00e9rature", "\u6e29\u5ea6",
            "\uD83D\uDE00", "a]b", "[[x", "]x", "1st", "my-key", "a:b@c", "modules", "jobs", "order", "ORDER",
            "group1", "x\u200by", "'", "\"", "\\", "--", "/*", "'OR'1'='1", "_", "$", "a$b");

    private QueryArbitraries() {
    }

    /** Random queries, each valid under {@link Query}'s rules, of every source and select-list shape. */
    public static Arbitrary<Query> queries() {
        Arbitrary<Expression> where = conditions().injectNull(0.3);
        return Arbitraries.oneOf(Arrays.stream(QuerySource.values())
                .map(source -> Combinators.combine(selectLists(source), where, tops())
                        .as((select, condition, top) -> Query.of(source, select.get1(), condition, select.get2(), top)))
                .toList());
    }

    /** Random conditions up to {@link #MAX_DEPTH} levels deep, using every expression node. */
    public static Arbitrary<Expression> conditions() {
        return expressions(MAX_DEPTH);
    }

    /** Random scalar literals: strings, integers of any size, doubles, booleans, {@code null}, {@code undefined}. */
    public static Arbitrary<Literal> literals() {
        Arbitrary<Literal> strings = hostileStrings().map(Literal::of);
        Arbitrary<Literal> numbers = numbers().map(Literal::of);
        Arbitrary<Literal> constants = Arbitraries.of(Literal.of(true), Literal.of(false), Literal.nullValue(),
                Literal.undefined());
        return Arbitraries.frequencyOf(Tuple.of(4, strings), Tuple.of(4, numbers), Tuple.of(1, constants));
    }

    /** Random numbers: longs, integers beyond the long range, and doubles from anywhere in their range. */
    public static Arbitrary<JsonValue> numbers() {
        Arbitrary<JsonValue> longs = Arbitraries.longs().map(value -> (JsonValue) JsonNumber.of((long) value));
        Arbitrary<JsonValue> bigs = Arbitraries.bigIntegers()
                .between(BigInteger.TWO.pow(100).negate(), BigInteger.TWO.pow(100))
                .map(value -> (JsonValue) JsonNumber.of(value));
        Arbitrary<JsonValue> doubles = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.doubles().between(-1000, 1000).ofScale(3),
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.of(0.0, -0.0, 0.1, 1e21, 1e-7, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE))
                .map(value -> (JsonValue) JsonNumber.of((double) value));
        return Arbitraries.frequencyOf(Tuple.of(3, longs), Tuple.of(1, bigs), Tuple.of(3, doubles));
    }

    /** Random strings of any characters, weighted toward quotes, escapes, brackets and SQL fragments. */
    public static Arbitrary<String> hostileStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(16)),
                Tuple.of(3, Arbitraries.of(HOSTILE_FRAGMENTS).list().ofMaxSize(6).map(parts -> String.join("", parts))),
                Tuple.of(2, Arbitraries.strings().withChars("'\"\\[]. $#\n\r\u0000u0123456789abcdefABCDEF")
                        .ofMaxLength(12)));
    }

    /** Random segments that {@link SqlText#checkSegment} accepts: identifiers, reserved words, bracketed keys. */
    public static Arbitrary<String> segments() {
        Arbitrary<String> identifiers = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('_').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> reserved = Combinators.combine(Arbitraries.of(List.copyOf(SqlText.RESERVED_WORDS)),
                Arbitraries.integers().between(0, 1 << 10)).as(QueryArbitraries::mixCase);
        Arbitrary<String> printable = Arbitraries.strings().withCharRange('!', '~').withChars('\u00fc', '\u00df',
                '\u6e29', '\u200b', '\uD83D').ofMinLength(1).ofMaxLength(6);
        return Arbitraries.frequencyOf(Tuple.of(4, identifiers), Tuple.of(2, reserved), Tuple.of(3, printable),
                Tuple.of(2, Arbitraries.of(KEY_SAMPLES))).filter(QueryArbitraries::writable);
    }

    /** Random paths of one to four segments, the first usually a root field in random case. */
    public static Arbitrary<QueryPath> paths() {
        Arbitrary<String> roots = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(Arbitraries.of(SqlText.ROOT_FIELDS),
                        Arbitraries.integers().between(0, 1 << 10)).as(QueryArbitraries::mixCase)),
                Tuple.of(1, segments()),
                Tuple.of(1, Arbitraries.of("devices", "Devices", "DEVICES")));
        return Combinators.combine(roots, segments().list().ofMaxSize(3)).as((root, rest) -> {
            List<String> all = new ArrayList<>(rest);
            all.add(0, root);
            return all;
        }).map(segments -> new QueryPath(TwinPath.of(segments)));
    }

    private static Arbitrary<Expression> expressions(int depth) {
        Arbitrary<Expression> leaves = Arbitraries.frequencyOf(
                Tuple.of(1, literals().map(Expression.class::cast)),
                Tuple.of(1, paths().map(Expression.class::cast)));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Expression> inner = Arbitraries.lazy(() -> expressions(depth - 1));
        Arbitrary<Expression> comparisons = Combinators.combine(inner, Arbitraries.of(ComparisonOperator.class), inner)
                .as(Comparison::new);
        Arbitrary<Expression> lists = Combinators.combine(inner, Arbitraries.of(true, false), listValues())
                .as(InList::new);
        Arbitrary<Expression> ands = inner.list().ofMinSize(2).ofMaxSize(3).map(And::new);
        Arbitrary<Expression> ors = inner.list().ofMinSize(2).ofMaxSize(3).map(Or::new);
        Arbitrary<Expression> arithmetic = Combinators.combine(inner, Arbitraries.of(ArithmeticOperator.class), inner)
                .as(Arithmetic::new);
        Arbitrary<Expression> calls = Arbitraries.of(QueryFunction.class).flatMap(function ->
                inner.list().ofSize(function.arity()).map(arguments -> new FunctionCall(function, arguments)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaves),
                Tuple.of(3, comparisons),
                Tuple.of(1, lists),
                Tuple.of(2, ands),
                Tuple.of(2, ors),
                Tuple.of(1, inner.map(Not::new)),
                Tuple.of(2, arithmetic),
                Tuple.of(1, inner.map(Negation::new)),
                Tuple.of(1, calls));
    }

    private static Arbitrary<JsonArray> listValues() {
        Arbitrary<JsonValue> element = Arbitraries.frequencyOf(
                Tuple.of(3, hostileStrings().map(JsonString::of)),
                Tuple.of(3, numbers()),
                Tuple.of(1, Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE)));
        return element.list().ofMinSize(1).ofMaxSize(4).map(JsonArray::copyOf);
    }

    private static Arbitrary<OptionalLong> tops() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(OptionalLong.empty())),
                Tuple.of(1, Arbitraries.longs().between(1, Long.MAX_VALUE).map(OptionalLong::of)));
    }

    /** The select list and GROUP BY path, as a pair, of a shape the source allows. */
    private static Arbitrary<Tuple.Tuple2<List<Projection>, QueryPath>> selectLists(QuerySource source) {
        Arbitrary<Tuple.Tuple2<List<Projection>, QueryPath>> all = Arbitraries.just(Tuple.of(List.<Projection>of(),
                (QueryPath) null));
        if (source == QuerySource.JOBS) {
            return all;
        }
        Arbitrary<List<Projection>> plain = Combinators.combine(paths(), aliases().injectNull(0.5))
                .as((path, alias) -> new Projection(path, alias)).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Projection>> aggregates = aggregateProjections().list().ofMinSize(1).ofMaxSize(3);
        List<Tuple.Tuple2<Integer, Arbitrary<Tuple.Tuple2<List<Projection>, QueryPath>>>> shapes = new ArrayList<>();
        shapes.add(Tuple.of(2, all));
        shapes.add(Tuple.of(2, plain.map(list -> Tuple.of(list, null))));
        shapes.add(Tuple.of(1, aggregates.map(list -> Tuple.of(list, null))));
        if (source == QuerySource.DEVICES) {
            shapes.add(Tuple.of(2, paths().flatMap(group -> Arbitraries.frequencyOf(
                    Tuple.of(1, aliases().injectNull(0.5).map(alias -> new Projection(group, alias))),
                    Tuple.of(1, aggregateProjections()))
                    .list().ofMinSize(1).ofMaxSize(3).map(list -> Tuple.of(list, group)))));
        }
        return Arbitraries.frequencyOf(shapes);
    }

    private static Arbitrary<Projection> aggregateProjections() {
        Arbitrary<Selectable> aggregates = Arbitraries.of(AggregateFunction.class).flatMap(function ->
                function.takesPath() ? paths().map(path -> new Aggregate(function, path)) : Arbitraries.just(
                        Aggregate.count()));
        return Combinators.combine(aggregates, aliases()).as(Projection::new);
    }

    /** Random aliases: identifiers that are not reserved words. */
    public static Arbitrary<String> aliases() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withChars('_', 'Q', '7').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("n", "total", "devices", "order", "group1", "avgTemp", "_"))
                .filter(SqlText::isBare);
    }

    private static String mixCase(String word, int mask) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            String c = word.substring(i, i + 1);
            out.append((mask >> (i % 10) & 1) == 0 ? c.toLowerCase(Locale.ROOT) : c.toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }

    private static boolean writable(String segment) {
        try {
            SqlText.checkSegment(segment);
            return true;
        } catch (InvalidQueryException unwritable) {
            return false;
        }
    }
}
