package io.twinkit.emulator.internal.query;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.query.And;
import io.twinkit.query.Arithmetic;
import io.twinkit.query.Comparison;
import io.twinkit.query.Expression;
import io.twinkit.query.FunctionCall;
import io.twinkit.query.InList;
import io.twinkit.query.Literal;
import io.twinkit.query.Negation;
import io.twinkit.query.Not;
import io.twinkit.query.Or;
import io.twinkit.query.Query;
import io.twinkit.query.QueryItemType;
import io.twinkit.query.QueryPath;
import io.twinkit.query.QuerySource;
import io.twinkit.query.eval.CompiledQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Evaluates {@code SELECT * FROM devices.jobs [WHERE …]} over device job records with the query DSL's evaluator
 * ({@link CompiledQuery}), exactly as queries over twins are evaluated.
 *
 * <p>The evaluator reads twins, whose root fields have fixed types ({@code status} is a device status there), while a
 * job record is a plain JSON object with a {@code status} of its own. So each record is evaluated as a twin holding it
 * as the one extra root field {@value #ROOT}, and every path of the condition is moved below that field:
 * {@code devices.jobs.jobId = 'j1'} (parsed as {@code jobId = 'j1'}) is evaluated as {@code deviceJob.jobId = 'j1'}.
 * Paths then walk the record's JSON as the service's would, with the evaluator's semantics for types, undefined
 * values, functions and {@code TOP}.
 */
final class DeviceJobQuery {

    /** The extra root field of the twin a record is evaluated as. */
    static final String ROOT = "deviceJob";

    /** The heap counted for each record a kept result holds: its reference and the small record itself. */
    static final long BYTES_PER_RECORD = 72;

    private DeviceJobQuery() {
    }

    /** Returns the records of {@code records} that {@code query} (over {@code devices.jobs}) selects, in order. */
    static QueryResult evaluate(Query query, List<? extends DeviceJobRecord> records) {
        if (query.source() != QuerySource.JOBS) {
            throw new IllegalArgumentException("not a query over devices.jobs: " + query);
        }
        long limit = query.top().orElse(Long.MAX_VALUE);
        List<DeviceJobRecord> selected = new ArrayList<>();
        Expression where = query.where().map(DeviceJobQuery::rebase).orElse(null);
        if (where == null) {
            for (DeviceJobRecord record : records) {
                if (selected.size() >= limit) {
                    break;
                }
                selected.add(record);
            }
        } else {
            CompiledQuery compiled = CompiledQuery.compile(Query.of(QuerySource.JOBS, List.of(), where, null,
                    OptionalLong.empty()));
            for (DeviceJobRecord record : records) {
                if (selected.size() >= limit) {
                    break;
                }
                TwinDocument twin = TwinDocument.builder(record.deviceId()).extraField(ROOT, record.toJson()).build();
                if (compiled.matches(twin)) {
                    selected.add(record);
                }
            }
        }
        return QueryResult.ofItems(QueryItemType.DEVICE_JOB, selected, DeviceJobRecord::toJson, BYTES_PER_RECORD);
    }

    /** Returns {@code expression} with every path moved below {@value #ROOT}. */
    static Expression rebase(Expression expression) {
        Objects.requireNonNull(expression, "expression");
        if (expression instanceof QueryPath path) {
            List<String> segments = new ArrayList<>(path.twinPath().size() + 1);
            segments.add(ROOT);
            segments.addAll(path.twinPath().segments());
            return new QueryPath(TwinPath.of(segments));
        }
        if (expression instanceof Literal) {
            return expression;
        }
        if (expression instanceof Comparison comparison) {
            return new Comparison(rebase(comparison.left()), comparison.operator(), rebase(comparison.right()));
        }
        if (expression instanceof InList in) {
            return new InList(rebase(in.operand()), in.negated(), in.values());
        }
        if (expression instanceof And and) {
            return new And(and.operands().stream().map(DeviceJobQuery::rebase).toList());
        }
        if (expression instanceof Or or) {
            return new Or(or.operands().stream().map(DeviceJobQuery::rebase).toList());
        }
        if (expression instanceof Not not) {
            return new Not(rebase(not.operand()));
        }
        if (expression instanceof Arithmetic arithmetic) {
            return new Arithmetic(rebase(arithmetic.left()), arithmetic.operator(), rebase(arithmetic.right()));
        }
        if (expression instanceof Negation negation) {
            return new Negation(rebase(negation.operand()));
        }
        if (expression instanceof FunctionCall call) {
            return new FunctionCall(call.function(), call.arguments().stream().map(DeviceJobQuery::rebase).toList());
        }
        throw new IllegalStateException("a query node the device job evaluation does not know: "
                + expression.getClass().getName());
    }
}
