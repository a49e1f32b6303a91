package io.twinkit.query;

import java.util.Objects;

/**
 * A property path of a twin, typed ({@link StringField}, {@link NumberField}, {@link BooleanField},
 * {@link TimeField}, {@link EnumField}) or untyped ({@link Field}). Every field can be tested for existence, selected
 * as it is or under an alias, and grouped by through its {@link #path()}.
 *
 * <p>A missing property is <em>undefined</em>, and so is every comparison with it: {@code tags.x != 'a'} does not
 * match twins without {@code tags.x}. To count them in, ask for it:
 * {@code tag("x").isNotDefined().or(tag("x").ne("a"))}.
 */
public sealed interface TwinField extends Selected
        permits PathField, StringValued {

    /** Returns the path of the field from the twin root, e.g. {@code tags.location.plant}. */
    QueryPath path();

    /** Returns {@code IS_DEFINED(path)}: whether the property exists, whatever its value. Never undefined. */
    default Condition isDefined() {
        return DslSupport.isDefined(path());
    }

    /** Returns {@code NOT (IS_DEFINED(path))}: whether the property is missing. Never undefined. */
    default Condition isNotDefined() {
        return DslSupport.isNotDefined(path());
    }

    /**
     * Returns the field selected as {@code alias}: {@code path AS alias}.
     *
     * @throws InvalidQueryException if {@code alias} is not an identifier ({@code [A-Za-z_][A-Za-z0-9_]*} with
     *     inner single hyphens) or is a reserved word
     */
    default SelectItem as(String alias) {
        return new SelectItem(new Projection(path(), Objects.requireNonNull(alias, "alias")));
    }

    /** Returns the field selected without an alias; its result member is named by the last path segment. */
    @Override
    default Projection projection() {
        return Projection.of(path());
    }
}
