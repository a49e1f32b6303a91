package io.twinkit.query;

/**
 * The comparisons of a typed field with another field of the same type {@code F}, written once:
 * {@code deviceId().eq(moduleId())}, {@code lastActivityTime().gt(statusUpdateTime())}. Strings and timestamps
 * compare by code point, as the service does.
 *
 * @param <F> the type of the other field
 */
public sealed interface FieldComparisons<F extends TwinField> permits StringField, TimeField {

    /** Returns the path of the field from the twin root. */
    QueryPath path();

    /** Returns {@code this = other}. */
    default Condition eq(F other) {
        return DslSupport.compare(path(), ComparisonOperator.EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this != other}. */
    default Condition ne(F other) {
        return DslSupport.compare(path(), ComparisonOperator.NOT_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this < other}. */
    default Condition lt(F other) {
        return DslSupport.compare(path(), ComparisonOperator.LESS, DslSupport.operand(other));
    }

    /** Returns {@code this <= other}. */
    default Condition le(F other) {
        return DslSupport.compare(path(), ComparisonOperator.LESS_OR_EQUAL, DslSupport.operand(other));
    }

    /** Returns {@code this > other}. */
    default Condition gt(F other) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER, DslSupport.operand(other));
    }

    /** Returns {@code this >= other}. */
    default Condition ge(F other) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER_OR_EQUAL, DslSupport.operand(other));
    }
}
