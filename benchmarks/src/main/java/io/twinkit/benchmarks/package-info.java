/**
 * JMH benchmarks of twinkit against the libraries users would use instead, the seeded twin generator their fixtures
 * come from, the measurement programs JMH does not fit (emulator memory, MQTT throughput) and the generator of
 * {@code benchmarks/RESULTS.md}.
 *
 * <p>Run everything with {@code benchmarks/run.sh --quick} or {@code --full}; a single benchmark with
 * {@code java -jar benchmarks/target/benchmarks.jar <ClassName>}. Parameters and results are non-null unless
 * annotated {@code @Nullable}.
 */
@NullMarked
package io.twinkit.benchmarks;

import org.jspecify.annotations.NullMarked;
