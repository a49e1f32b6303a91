/**
 * twin-query-dsl: IoT Hub's query language. {@code io.twinkit.query} holds the fluent, injection-safe DSL
 * ({@link io.twinkit.query.TwinQuery}), the {@link io.twinkit.query.Query} value and its tree of immutable nodes, and
 * reads and writes query SQL text ({@link io.twinkit.query.Query#parse(String)}, {@link io.twinkit.query.Query#toSql()})
 * through package-private lexer, parser and writer; {@code io.twinkit.query.eval} runs a query over twins with the
 * service's semantics. The evaluator depends on the query package and never the other way round.
 */
module io.twinkit.query {
    requires transitive io.twinkit.core;
    requires static transitive org.jspecify;

    exports io.twinkit.query;
    exports io.twinkit.query.eval;
}
