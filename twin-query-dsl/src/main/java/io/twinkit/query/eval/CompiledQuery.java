package io.twinkit.query.eval;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.Query;
import io.twinkit.query.QuerySource;
import io.twinkit.query.Aggregate;
import io.twinkit.query.Expression;
import io.twinkit.query.Projection;
import io.twinkit.query.QueryPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Query} prepared for evaluation over {@link TwinDocument}s in memory, with IoT Hub's semantics: what a local
 * emulator or a test needs to answer a query the way the service does.
 *
 * <pre>{@code
 * CompiledQuery query = CompiledQuery.compile(Query.parse(
 *         "SELECT * FROM devices WHERE tags.location.plant = 'Redmond43'"));
 * List<TwinDocument> matching = query.select(twins);
 * }</pre>
 *
 * <p>Values are JSON values or <em>undefined</em>, and a condition selects a twin only when it is boolean
 * {@code true}:
 * <ul>
 *   <li>A path starts at a root field of the twin and walks JSON objects below it; a missing member is undefined and
 *       arrays are never indexed. Paths read the {@link TwinDocument} model directly, in the form of
 *       {@link TwinDocument#toJson()} (enums by wire name, timestamps as the service writes them, sections with
 *       {@code $version} and {@code $metadata}); unknown root fields come from {@link TwinDocument#extraFields()}.
 *   <li>Numbers compare numerically, exactly across integers and doubles; strings compare by Unicode code point;
 *       booleans support only {@code =} and {@code !=}. So does {@code null}, which equals {@code null} as in the
 *       DocumentDB language the service descends from ({@code x509Thumbprint.primaryThumbprint = null} finds
 *       twins without a thumbprint). Any other comparison, one with an undefined side, objects, arrays or two
 *       different types, is undefined.
 *   <li>{@code AND}, {@code OR} and {@code NOT} follow Kleene's three-valued logic, with any non-boolean operand
 *       counting as undefined; {@code NOT} of undefined is undefined. {@code IN} is the {@code OR} of {@code =} over
 *       the list and {@code NIN} its {@code NOT}.
 *   <li>{@code IS_DEFINED(x)} is true exactly when {@code x} has a value. {@code STARTSWITH}, {@code ENDSWITH} and
 *       {@code CONTAINS} are case-sensitive and undefined unless both arguments are strings.
 *   <li>Arithmetic on two numbers gives a number: integers stay exact ({@code 7 / 2} is {@code 3.5}, {@code 6 / 2} is
 *       {@code 3}, sums past the {@code long} range do not overflow), doubles are IEEE doubles, {@code %} has the sign
 *       of the dividend. Other operands, a zero divisor and non-finite results are undefined.
 * </ul>
 *
 * <p>{@link #select} and {@link #rows} evaluate over the twins of the query's source only: device twins for
 * {@code devices}, module twins for {@code devices.modules} (every document for {@code devices.jobs}), so the same
 * collection can hold both kinds. Results keep the order of the input and stop at {@code TOP}.
 *
 * <p>Immutable and thread-safe: compile once and evaluate from any number of threads.
 */
public final class CompiledQuery {

    private final Query query;
    private final @Nullable Node where;
    private final @Nullable PathNode groupBy;
    private final List<Output> outputs;
    private final long limit;

    private CompiledQuery(Query query) {
        this.query = query;
        this.where = query.where().map(ExpressionCompiler::compile).orElse(null);
        this.groupBy = query.groupBy().map(PathNode::of).orElse(null);
        List<Output> compiled = new ArrayList<>(query.projections().size());
        for (Projection projection : query.projections()) {
            compiled.add(Output.of(projection, query.groupBy().orElse(null)));
        }
        this.outputs = List.copyOf(compiled);
        this.limit = query.top().orElse(Long.MAX_VALUE);
    }

    /**
     * Compiles {@code query}: every path and expression is prepared once, so evaluation does no parsing. A
     * {@link Query} is valid by construction (invalid text fails in {@code Query.parse} with an
     * {@link InvalidQueryException}), so compiling cannot fail.
     */
    public static CompiledQuery compile(Query query) {
        return new CompiledQuery(Objects.requireNonNull(query, "query"));
    }

    /**
     * Returns the value of {@code expression} for {@code twin}, compiling it on every call; empty when the value is
     * undefined. A condition's value is {@code true} or {@code false}.
     */
    public static Optional<JsonValue> evaluate(Expression expression, TwinDocument twin) {
        Objects.requireNonNull(twin, "twin");
        return Optional.ofNullable(ExpressionCompiler.compile(Objects.requireNonNull(expression, "expression"))
                .value(twin));
    }

    /** Returns the query this was compiled from. */
    public Query query() {
        return query;
    }

    /**
     * Returns whether {@code twin} satisfies the {@code WHERE} condition: whether the condition is boolean
     * {@code true}. Always true without a condition. The source of the query is not checked.
     */
    public boolean matches(TwinDocument twin) {
        Objects.requireNonNull(twin, "twin");
        return where == null || where.test(twin) == Node.TRUE;
    }

    /**
     * Returns the three-valued {@code WHERE} condition for {@code twin}: {@code true}, {@code false}, or empty when it
     * is undefined (for example when it compares a missing property). {@code true} without a condition.
     */
    public Optional<Boolean> evaluateCondition(TwinDocument twin) {
        Objects.requireNonNull(twin, "twin");
        int truth = where == null ? Node.TRUE : where.test(twin);
        return truth == Node.UNDEFINED ? Optional.empty() : Optional.of(truth == Node.TRUE);
    }

    /**
     * Returns the twins of a {@code SELECT *} query: those of the query's source that match, in input order, at most
     * {@code TOP} of them.
     *
     * @throws IllegalStateException if the query selects projections or aggregates; use {@link #rows} for those
     */
    public List<TwinDocument> select(Iterable<TwinDocument> twins) {
        Objects.requireNonNull(twins, "twins");
        if (!query.isSelectAll()) {
            throw new IllegalStateException("select() returns whole twins for SELECT * only; use rows() for " + query);
        }
        return matching(twins);
    }

    /**
     * Returns the result rows of the query, as the service returns them, at most {@code TOP} of them:
     * <ul>
     *   <li>{@code SELECT *}: the JSON form of each matching twin;
     *   <li>projections: one row per matching twin, with a member per projection named by
     *       {@link Projection#outputName()}; members whose value is undefined are omitted, objects are returned whole,
     *       and a later member of the same name replaces an earlier one;
     *   <li>aggregates without {@code GROUP BY}: exactly one row, even when nothing matches ({@code {"n":0}});
     *   <li>{@code GROUP BY}: one row per distinct value by JSON equality ({@code 1} and {@code 1.0} group together,
     *       the first value seen is returned), in order of first appearance; twins for which the value is undefined
     *       form a group of their own whose row omits the grouped member.
     * </ul>
     * {@code COUNT()} counts the twins of the group; {@code SUM}, {@code AVG}, {@code MIN} and {@code MAX} use only its
     * numeric values and are omitted when there are none. {@code SUM} of integers is an exact integer and of anything
     * with a double a double, {@code AVG} is a double, {@code MIN} and {@code MAX} return the number as stored.
     */
    public List<JsonObject> rows(Iterable<TwinDocument> twins) {
        Objects.requireNonNull(twins, "twins");
        if (query.isSelectAll()) {
            List<JsonObject> rows = new ArrayList<>();
            for (TwinDocument twin : select(twins)) {
                rows.add(twin.toJson());
            }
            return rows;
        }
        return query.isAggregate() ? aggregateRows(twins) : projectedRows(twins);
    }

    private List<JsonObject> projectedRows(Iterable<TwinDocument> twins) {
        List<JsonObject> rows = new ArrayList<>();
        for (TwinDocument twin : matching(twins)) {
            rows.add(project(twin));
        }
        return rows;
    }

    /**
     * Returns the twins a {@code SELECT *} or projection query returns an item for: those of the query's source that
     * match, in input order, at most {@code TOP} of them. With {@link #project} this cuts the rows of a projection one
     * page at a time, so that a paged result holds twins (shared with whoever holds them already) rather than rows.
     *
     * @throws IllegalStateException if the query selects aggregates, whose rows are groups rather than twins
     */
    public List<TwinDocument> matching(Iterable<TwinDocument> twins) {
        Objects.requireNonNull(twins, "twins");
        if (query.isAggregate()) {
            throw new IllegalStateException("the rows of an aggregate are groups, not twins; use rows() for " + query);
        }
        List<TwinDocument> result = new ArrayList<>();
        for (TwinDocument twin : twins) {
            if (result.size() >= limit) {
                break;
            }
            if (selects(twin)) {
                result.add(twin);
            }
        }
        return result;
    }

    /**
     * Returns the row of a projection query for one twin, as {@link #rows} returns it for a matching twin. The twin is
     * not tested against the {@code WHERE} condition; {@link #matching} does that.
     *
     * @throws IllegalStateException if the query is {@code SELECT *} or selects aggregates
     */
    public JsonObject project(TwinDocument twin) {
        Objects.requireNonNull(twin, "twin");
        if (query.isSelectAll() || query.isAggregate()) {
            throw new IllegalStateException("project() makes the rows of projection queries only, not of " + query);
        }
        JsonObject.Builder row = JsonObject.builder(outputs.size());
        for (Output output : outputs) {
            JsonValue value = Objects.requireNonNull(output.path, "path").value(twin);
            if (value != null) {
                row.put(output.name, value);
            }
        }
        return row.build();
    }

    private List<JsonObject> aggregateRows(Iterable<TwinDocument> twins) {
        Group undefined = null;
        Map<JsonValue, Group> groups = new LinkedHashMap<>();
        List<Group> order = new ArrayList<>();
        if (groupBy == null) {
            order.add(new Group(null, outputs));
        }
        for (TwinDocument twin : twins) {
            if (!selects(twin)) {
                continue;
            }
            Group group;
            if (groupBy == null) {
                group = order.get(0);
            } else {
                JsonValue key = groupBy.value(twin);
                if (key == null) {
                    if (undefined == null) {
                        undefined = new Group(null, outputs);
                        order.add(undefined);
                    }
                    group = undefined;
                } else {
                    group = groups.get(key);
                    if (group == null) {
                        group = new Group(key, outputs);
                        groups.put(key, group);
                        order.add(group);
                    }
                }
            }
            group.add(twin, outputs);
        }
        List<JsonObject> rows = new ArrayList<>(order.size());
        for (Group group : order) {
            if (rows.size() >= limit) {
                break;
            }
            rows.add(group.row(outputs));
        }
        return rows;
    }

    private boolean selects(TwinDocument twin) {
        QuerySource source = query.source();
        boolean ofSource = switch (source) {
            case DEVICES -> !twin.isModuleTwin();
            case MODULES -> twin.isModuleTwin();
            case JOBS -> true;
        };
        return ofSource && (where == null || where.test(twin) == Node.TRUE);
    }

    /** Returns the SQL text of the query. */
    @Override
    public String toString() {
        return query.toString();
    }

    /** One compiled projection: a path, the grouped path, or an aggregate. */
    private record Output(String name, @Nullable PathNode path, boolean groupKey, @Nullable Aggregate aggregate) {

        static Output of(Projection projection, @Nullable QueryPath groupBy) {
            if (projection.target() instanceof Aggregate aggregate) {
                PathNode argument = aggregate.argument().map(PathNode::of).orElse(null);
                return new Output(projection.outputName(), argument, false, aggregate);
            }
            QueryPath path = (QueryPath) projection.target();
            return new Output(projection.outputName(), PathNode.of(path), path.equals(groupBy), null);
        }
    }

    /** The state of one group during one evaluation. */
    private static final class Group {
        private final @Nullable JsonValue key;
        private final Accumulator[] accumulators;
        private long count;

        Group(@Nullable JsonValue key, List<Output> outputs) {
            this.key = key;
            this.accumulators = new Accumulator[outputs.size()];
            for (int i = 0; i < accumulators.length; i++) {
                Aggregate aggregate = outputs.get(i).aggregate;
                if (aggregate != null) {
                    accumulators[i] = new Accumulator(aggregate.function());
                }
            }
        }

        void add(TwinDocument twin, List<Output> outputs) {
            count++;
            for (int i = 0; i < accumulators.length; i++) {
                Output output = outputs.get(i);
                if (accumulators[i] != null && output.path != null) {
                    accumulators[i].add(output.path.value(twin));
                }
            }
        }

        JsonObject row(List<Output> outputs) {
            JsonObject.Builder row = JsonObject.builder(outputs.size());
            for (int i = 0; i < accumulators.length; i++) {
                Output output = outputs.get(i);
                JsonValue value = accumulators[i] != null ? accumulators[i].result(count)
                        : output.groupKey ? key : null;
                if (value != null) {
                    row.put(output.name, value);
                }
            }
            return row.build();
        }
    }
}
