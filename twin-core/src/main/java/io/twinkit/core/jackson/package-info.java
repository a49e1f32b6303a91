/**
 * The Jackson adapter: the only package of twin-core that uses Jackson types. {@link io.twinkit.core.jackson.TwinJson}
 * reads and writes twins, property sets, merge patches and plain JSON values in the exact service format, and maps
 * property sets to and from user records and POJOs through Jackson databind.
 *
 * <p>All types are immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.core.jackson;

import org.jspecify.annotations.NullMarked;
