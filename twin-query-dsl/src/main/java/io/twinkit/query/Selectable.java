package io.twinkit.query;

/** What a projection of the {@code SELECT} list selects: a {@link QueryPath} or an {@link Aggregate}. */
public sealed interface Selectable permits QueryPath, Aggregate {
}
