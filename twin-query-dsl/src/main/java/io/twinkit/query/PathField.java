package io.twinkit.query;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every kind of field is made of, written once: its path, equality by kind and path, and its SQL text as
 * {@code toString()}. The kinds add their comparisons through the mixins ({@link Numeric}, {@link StringComparisons},
 * {@link TimeComparisons}, {@link FieldComparisons}) or their own few methods.
 */
abstract sealed class PathField implements TwinField
        permits Field, StringField, NumberField, BooleanField, TimeField, EnumField {

    private final QueryPath path;

    PathField(QueryPath path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Returns the path from the twin root. */
    @Override
    public final QueryPath path() {
        return path;
    }

    /** Returns {@code this <operator> right}. */
    final Condition compare(ComparisonOperator operator, Expression right) {
        return DslSupport.compare(path, operator, right);
    }

    /** Returns whether {@code obj} is a field of the same kind on the same path. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj != null && obj.getClass() == getClass() && path.equals(((PathField) obj).path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    /** Returns the SQL text of the path, such as {@code tags.location.plant}. */
    @Override
    public final String toString() {
        return SqlWriter.render(path);
    }
}
