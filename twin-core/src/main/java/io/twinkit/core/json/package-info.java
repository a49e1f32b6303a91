/**
 * An immutable JSON value model: {@link io.twinkit.core.json.JsonObject}, {@link io.twinkit.core.json.JsonArray},
 * {@link io.twinkit.core.json.JsonString}, {@link io.twinkit.core.json.JsonNumber},
 * {@link io.twinkit.core.json.JsonBoolean} and {@link io.twinkit.core.json.JsonNull}.
 *
 * <p>Every type here is immutable and thread-safe, and every parameter and return value is non-null unless
 * annotated {@code @Nullable}. Values are shared structurally: a modified copy of an object reuses every member
 * that did not change, which is what lets {@link io.twinkit.core.MergePatch#compute} skip unchanged subtrees.
 *
 * <p>Equality is JSON equality as IoT Hub applies it: object member order is ignored, array order matters,
 * and numbers compare by numeric value, so the integer {@code 1} equals the double {@code 1.0}. A number still
 * remembers whether it was written as an integer or as a double ({@link io.twinkit.core.json.JsonNumber#isIntegral()}).
 * This package has no dependency on Jackson or on any other JSON library.
 */
@NullMarked
package io.twinkit.core.json;

import org.jspecify.annotations.NullMarked;
