/**
 * The JSON tree of twinkit and its text form: the immutable values {@link io.twinkit.core.json.JsonObject},
 * {@link io.twinkit.core.json.JsonArray}, {@link io.twinkit.core.json.JsonString},
 * {@link io.twinkit.core.json.JsonNumber}, {@link io.twinkit.core.json.JsonBoolean} and
 * {@link io.twinkit.core.json.JsonNull}, which read and write themselves as JSON text.
 *
 * <p>Every type here is immutable and thread-safe, and every parameter and return value is non-null unless
 * annotated {@code @Nullable}. Values are shared structurally: a modified copy of an object reuses every member
 * that did not change, which is what lets {@link io.twinkit.core.MergePatch#compute} skip unchanged subtrees.
 *
 * <p>Equality is JSON equality as IoT Hub applies it: object member order is ignored, array order matters,
 * and numbers compare by numeric value, so the integer {@code 1} equals the double {@code 1.0}. A number still
 * remembers whether it was written as an integer or as a double ({@link io.twinkit.core.json.JsonNumber#isIntegral()}).
 *
 * <p><b>Text.</b> {@link io.twinkit.core.json.JsonValue} is the one entry point for JSON text: the static
 * {@link io.twinkit.core.json.JsonValue#parse(String) parse} (text, bytes, byte or character streams) and
 * {@link io.twinkit.core.json.JsonValue#parseObject(String) parseObject} read a document, and every value writes
 * itself with {@code toString()}, {@link io.twinkit.core.json.JsonValue#toJsonBytes() toJsonBytes()} and
 * {@link io.twinkit.core.json.JsonValue#writeTo(java.io.OutputStream) writeTo(OutputStream)}. The reader and writer
 * behind them are package-private and run on Jackson's streaming API ({@code jackson-core}); this package has no
 * dependency on Jackson databind, nor on any other twinkit package but {@code io.twinkit.core.error}, whose
 * {@link io.twinkit.core.error.TwinJsonException} reports malformed text. Mapping user types to and from JSON values
 * is the databind bridge's job ({@code io.twinkit.core.jackson}), which depends on this package, never the other way
 * round.
 */
@NullMarked
package io.twinkit.core.json;

import io.twinkit.core.error.TwinJsonException;
import org.jspecify.annotations.NullMarked;
