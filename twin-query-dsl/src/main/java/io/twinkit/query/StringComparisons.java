package io.twinkit.query;

import java.util.Collection;

/**
 * The comparisons with string values, written once for every field that may hold a string: a {@link StringField}
 * such as {@code deviceId()}, and an untyped {@link Field} such as {@code tag("location.plant")}.
 *
 * <pre>{@code
 * tag("location.plant").eq("Redmond43")       // tags.location.plant = 'Redmond43'
 * deviceId().in("a", "b")                     // deviceId IN ['a', 'b']
 * deviceId().startsWith("sensor-")            // STARTSWITH(deviceId, 'sensor-')
 * }</pre>
 *
 * <p>Strings compare by code point, case-sensitively ({@code 'B' < 'a'}); a comparison is undefined, and so does not
 * match, where the property is missing or is not a string. Values are literals, escaped when rendered, so no value
 * can change the query.
 */
public sealed interface StringComparisons permits Field, StringField {

    /** Returns the path of the field from the twin root. */
    QueryPath path();

    /** Returns {@code this = 'value'}, with {@code value} as a string literal. */
    default Condition eq(String value) {
        return DslSupport.compare(path(), ComparisonOperator.EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this != 'value'}, with {@code value} as a string literal. */
    default Condition ne(String value) {
        return DslSupport.compare(path(), ComparisonOperator.NOT_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this < 'value'}, with {@code value} as a string literal. */
    default Condition lt(String value) {
        return DslSupport.compare(path(), ComparisonOperator.LESS, DslSupport.string(value));
    }

    /** Returns {@code this <= 'value'}, with {@code value} as a string literal. */
    default Condition le(String value) {
        return DslSupport.compare(path(), ComparisonOperator.LESS_OR_EQUAL, DslSupport.string(value));
    }

    /** Returns {@code this > 'value'}, with {@code value} as a string literal. */
    default Condition gt(String value) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER, DslSupport.string(value));
    }

    /** Returns {@code this >= 'value'}, with {@code value} as a string literal. */
    default Condition ge(String value) {
        return DslSupport.compare(path(), ComparisonOperator.GREATER_OR_EQUAL, DslSupport.string(value));
    }

    /**
     * Returns {@code this IN ['v1', ...]}; a single value gives {@code this = 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition in(String... values) {
        return DslSupport.membership(path(), false, DslSupport.strings(values));
    }

    /**
     * Returns {@code this IN ['v1', ...]} for the values in iteration order; a single value gives {@code this = 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition in(Collection<String> values) {
        return DslSupport.membership(path(), false, DslSupport.strings(values));
    }

    /**
     * Returns {@code this NIN ['v1', ...]}, which is {@code NOT (this IN [...])}; a single value gives
     * {@code this != 'v1'}, which means the same. Both are undefined, so not matching, where the property is missing
     * or is not a string.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition nin(String... values) {
        return DslSupport.membership(path(), true, DslSupport.strings(values));
    }

    /**
     * Returns {@code this NIN ['v1', ...]} for the values in iteration order; a single value gives
     * {@code this != 'v1'}.
     *
     * @throws InvalidQueryException if {@code values} is empty
     */
    default Condition nin(Collection<String> values) {
        return DslSupport.membership(path(), true, DslSupport.strings(values));
    }

    /**
     * Returns {@code STARTSWITH(this, 'prefix')}, case-sensitive; {@code startsWith("")} matches every string, and
     * nothing else matches where the property is not a string.
     */
    default Condition startsWith(String prefix) {
        return DslSupport.call(QueryFunction.STARTSWITH, path(), prefix);
    }

    /**
     * Returns {@code ENDSWITH(this, 'suffix')}, case-sensitive. <b>Experimental:</b> IoT Hub documents
     * {@code ENDSWITH} for message routing only and {@linkplain QueryFunction#mayBeRejectedByService() may reject} it
     * in twin queries.
     */
    default Condition endsWith(String suffix) {
        return DslSupport.call(QueryFunction.ENDSWITH, path(), suffix);
    }

    /**
     * Returns {@code CONTAINS(this, 'part')}, case-sensitive. <b>Experimental:</b> IoT Hub documents
     * {@code CONTAINS} for message routing only and {@linkplain QueryFunction#mayBeRejectedByService() may reject} it
     * in twin queries.
     */
    default Condition contains(String part) {
        return DslSupport.call(QueryFunction.CONTAINS, path(), part);
    }
}
