package io.twinkit.query;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** The one implementation of the {@code SELECT} steps: the select list, its optional limit and grouping. */
record SelectClause(List<Projection> projections, OptionalLong top, @Nullable QueryPath groupBy)
        implements SelectStep, GroupByStep, FromStep {

    SelectClause {
        projections = List.copyOf(projections);
        Objects.requireNonNull(top, "top");
    }

    /** Returns the clause of {@code projections} without {@code TOP} or {@code GROUP BY}. */
    static SelectClause of(List<Projection> projections) {
        return new SelectClause(projections, OptionalLong.empty(), null);
    }

    @Override
    public GroupByStep top(long n) {
        return new SelectClause(projections, OptionalLong.of(Query.checkTop(n)), groupBy);
    }

    @Override
    public FromStep groupBy(TwinField field) {
        return new SelectClause(projections, top, Objects.requireNonNull(field, "field").path());
    }

    @Override
    public WhereStep from(QuerySource source) {
        return new WhereStep(Objects.requireNonNull(source, "source"), projections, groupBy, top);
    }

    /** Returns the SQL text of the clause and its grouping, without {@code FROM}: {@code SELECT TOP 5 deviceId}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SELECT ");
        top.ifPresent(n -> out.append("TOP ").append(n).append(' '));
        if (projections.isEmpty()) {
            out.append('*');
        }
        for (int i = 0; i < projections.size(); i++) {
            out.append(i > 0 ? ", " : "").append(SqlWriter.render(projections.get(i)));
        }
        if (groupBy != null) {
            out.append(" GROUP BY ").append(SqlWriter.render(groupBy));
        }
        return out.toString();
    }
}
