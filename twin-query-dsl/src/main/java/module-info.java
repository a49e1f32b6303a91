/**
 * twin-query-dsl: the fluent, injection-safe DSL that writes IoT Hub query SQL ({@code io.twinkit.query}), the query
 * tree ({@code io.twinkit.query.ast}) and the evaluator that runs a query over twins with the service's semantics
 * ({@code io.twinkit.query.eval}). The SQL lexer, parser and writer ({@code io.twinkit.query.sql}) are implementation:
 * {@link io.twinkit.query.Query#parse(String)} and {@link io.twinkit.query.Query#toSql()} are their API.
 */
module io.twinkit.query {
    requires transitive io.twinkit.core;
    requires static transitive org.jspecify;

    exports io.twinkit.query;
    exports io.twinkit.query.ast;
    exports io.twinkit.query.eval;
}
