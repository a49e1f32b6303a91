package io.twinkit.query;

/**
 * A field that may hold a string, and so may stand on the right of a string comparison: a typed {@link StringField}
 * or an untyped {@link Field}. {@code deviceId().eq(moduleId())} and {@code deviceId().eq(tag("primaryDevice"))}
 * both compile through it; the comparison is undefined, so not matching, where the value is not a string.
 */
public sealed interface StringValued extends TwinField permits Field, StringField {
}
