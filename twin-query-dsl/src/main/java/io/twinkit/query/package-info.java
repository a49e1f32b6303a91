/**
 * IoT Hub queries: the fluent DSL {@link io.twinkit.query.TwinQuery}, the {@link io.twinkit.query.Query} value, the
 * query tree it holds (one immutable node type per construct of the language: {@link io.twinkit.query.Expression}
 * and its kinds, {@link io.twinkit.query.Projection}, {@link io.twinkit.query.QueryPath}), the paging values shared
 * by the emulator and the back-end client ({@link io.twinkit.query.QueryOptions}, {@link io.twinkit.query.QueryPage})
 * and the exceptions for queries the service would reject.
 *
 * <p>The query SQL text is read ({@link io.twinkit.query.Query#parse(String)}) and written
 * ({@link io.twinkit.query.Query#toSql()}, and every node's {@code toString()}) by package-private classes: one lexer,
 * one parser and one writer, with one literal escaper and one path renderer, so a value can never change a query's
 * meaning. The evaluator in {@code io.twinkit.query.eval} runs the same trees over twins.
 *
 * <p>All types are immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-query-language">IoT Hub query language</a>
 */
@NullMarked
package io.twinkit.query;

import org.jspecify.annotations.NullMarked;
