/**
 * The bridge to Jackson databind, and the only package of twin-core that uses databind:
 * {@link io.twinkit.core.jackson.TwinJson} maps records, POJOs, maps and lists to and from twinkit's JSON values and
 * property sets, and converts twinkit values to and from Jackson's {@code JsonNode} trees (its explicit interop,
 * {@code using(ObjectMapper)}, {@code toJsonNode}, {@code fromJsonNode}); {@link io.twinkit.core.jackson.TwinkitModule}
 * lets any {@code ObjectMapper} read and write twinkit values inside user types.
 *
 * <p>JSON text is not this package's business: the tree reads and writes its own text
 * ({@link io.twinkit.core.json.JsonValue#parse(String)}, {@link io.twinkit.core.json.JsonValue#toJsonBytes()}), and a
 * twin is {@code TwinDocument.fromJson(JsonValue.parseObject(bytes))}. This package depends on the tree and the twin
 * model, never the other way round.
 *
 * <p>All types are immutable and thread-safe; parameters and results are non-null unless annotated
 * {@code @Nullable}.
 */
@NullMarked
package io.twinkit.core.jackson;

import org.jspecify.annotations.NullMarked;
