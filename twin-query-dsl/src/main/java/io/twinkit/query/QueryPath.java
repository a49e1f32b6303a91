package io.twinkit.query;

import io.twinkit.core.TwinPath;

/**
 * A property path from the twin root as a node of the query tree, such as {@code tags.location.plant} or
 * {@code properties.reported.connectivity.type}: a {@link TwinPath} that the query language can hold.
 *
 * <p>The path itself, its segments and its text form are the {@link TwinPath}'s; this node only places one in a
 * condition or a {@code SELECT} list. It is checked and made canonical by {@link SqlText#checkPath(TwinPath)}: at
 * least one segment, every segment writable as query text, and a root field in the service's casing
 * ({@code DeviceId} becomes {@code deviceId}). Paths never index into arrays. {@code toString()} is the SQL text,
 * {@code tags.[[group]].x}, which the parser reads back into an equal node.
 *
 * @param twinPath the path from the twin root
 */
public record QueryPath(TwinPath twinPath) implements Expression, Selectable {

    /**
     * Creates the node of {@code twinPath}, with its root field in the service's casing.
     *
     * @throws InvalidQueryException if {@code twinPath} is the root or a segment cannot be written as query text
     */
    public QueryPath {
        twinPath = SqlText.checkPath(twinPath);
    }

    /**
     * Returns the node of the path of the given segments, the first being a root field:
     * {@code QueryPath.of("tags", "location")}.
     *
     * @throws InvalidQueryException if there are no segments or one cannot be written as query text
     */
    public static QueryPath of(String... segments) {
        return new QueryPath(TwinPath.of(segments));
    }

    /** Returns the SQL text of the path. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
