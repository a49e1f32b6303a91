package io.twinkit.query;

/**
 * A {@code SELECT} clause that may still be grouped: what {@link SelectStep#top(long)} returns. {@link #groupBy}
 * returns a {@link FromStep}, which has no {@code groupBy}, so a clause is grouped at most once.
 *
 * <p>Implementations are immutable and thread-safe; equality is structural.
 */
public sealed interface GroupByStep extends FromStep permits SelectStep, SelectClause {

    /**
     * Returns this clause grouped by {@code field}: {@code ... GROUP BY path}. The select list may then hold only that
     * field (under any alias) and aggregates; this is checked by {@link #from(QuerySource)}.
     */
    FromStep groupBy(TwinField field);
}
