package io.twinkit.query;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One item of a {@code SELECT} list: a path or aggregate, optionally {@code AS alias}. The member it produces in a
 * row is named by the alias, or else by the path's last segment (root fields in the service's casing).
 *
 * @param target what is selected
 * @param alias the member name, or {@code null} for the default
 */
public record Projection(Selectable target, @Nullable String alias) {

    /**
     * Creates a projection.
     *
     * @throws InvalidQueryException if the alias is not an identifier ({@code [A-Za-z_][A-Za-z0-9_]*} with inner
     *     single hyphens, not a reserved word; see {@link io.twinkit.query.SqlText#isIdentifier}), or an
     *     aggregate has no alias
     */
    public Projection {
        Objects.requireNonNull(target, "target");
        if (alias != null && !io.twinkit.query.SqlText.isIdentifier(alias)) {
            throw new InvalidQueryException("alias '" + alias + "' must be an identifier ([A-Za-z_][A-Za-z0-9_]* with"
                    + " inner single hyphens, e.g. key-4c5a) and not a reserved word");
        }
        if (alias == null && target instanceof Aggregate) {
            throw new InvalidQueryException("an aggregate needs an alias, e.g. COUNT() AS n");
        }
    }

    /** Returns a projection of {@code target} without an alias. */
    public static Projection of(Selectable target) {
        return new Projection(target, null);
    }

    /** Returns the alias, if any. */
    public Optional<String> aliasName() {
        return Optional.ofNullable(alias);
    }

    /** Returns the name of the member this projection produces. */
    public String outputName() {
        if (alias != null) {
            return alias;
        }
        return ((QueryPath) target).twinPath().lastSegment();
    }

    /** Returns the SQL text. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
