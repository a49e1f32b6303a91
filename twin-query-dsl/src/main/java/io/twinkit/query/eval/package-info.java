/**
 * In-memory evaluation of queries over twin documents with IoT Hub's semantics.
 *
 * <p>All types are immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.query.eval;

import org.jspecify.annotations.NullMarked;
