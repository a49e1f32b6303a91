package io.twinkit.query;

import java.util.Optional;

/** What a query runs over: the collection of its {@code FROM} clause. */
public enum QuerySource {
    /** {@code devices}: device twins. */
    DEVICES("devices"),
    /** {@code devices.modules}: module twins. No GROUP BY. */
    MODULES("devices.modules"),
    /** {@code devices.jobs}: per-device job records. {@code SELECT *} only. */
    JOBS("devices.jobs");

    private final String sql;

    QuerySource(String sql) {
        this.sql = sql;
    }

    /** Returns the collection as written after {@code FROM}. */
    public String sql() {
        return sql;
    }

    /** Returns the source written {@code text} (case-insensitively), if any. */
    public static Optional<QuerySource> bySql(String text) {
        for (QuerySource source : values()) {
            if (source.sql.equalsIgnoreCase(text)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
