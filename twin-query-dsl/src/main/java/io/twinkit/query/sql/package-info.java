/**
 * IoT Hub query SQL text: {@link io.twinkit.query.sql.SqlText}, the one literal escaper and path-segment renderer;
 * {@link io.twinkit.query.sql.SqlWriter}, which renders query trees; and {@link io.twinkit.query.sql.QueryParser},
 * which reads SQL text back into the same trees.
 *
 * <p>All types are immutable or stateless and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.query.sql;

import org.jspecify.annotations.NullMarked;
