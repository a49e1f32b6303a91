/**
 * The query tree: one immutable node type per construct of IoT Hub's query language, shared by the fluent DSL
 * ({@link io.twinkit.query.TwinQuery}), the parser ({@link io.twinkit.query.sql.QueryParser}) and the evaluator
 * ({@link io.twinkit.query.eval.CompiledQuery}).
 *
 * <p>Every node is immutable and thread-safe, validates itself when built, and compares structurally; its
 * {@code toString()} is its SQL text. Parameters and results are non-null unless annotated {@code @Nullable}.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-query-language">IoT Hub query language</a>
 */
@NullMarked
package io.twinkit.query.ast;

import org.jspecify.annotations.NullMarked;
