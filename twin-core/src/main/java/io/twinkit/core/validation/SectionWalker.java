package io.twinkit.core.validation;

import io.twinkit.core.KeyRules;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One depth-first pass over a section or a patch, in member order, that checks the rules and sums the size at the
 * same time. The first violation met is the first in document order, and it ends the pass.
 *
 * <p>The path is kept in a segment stack that grows to the nesting depth once and is then reused, so a pass that
 * finds nothing wrong allocates nothing per node; path strings are built only for the error. One instance serves
 * one pass on one thread.
 */
final class SectionWalker {

    /** What the pass is for. */
    enum Mode {
        /** A stored section: no {@code null} anywhere; the root's {@code $metadata} and {@code $version} skipped. */
        DOCUMENT,
        /** A merge patch: {@code null} members are deletions, every {@code $} key is invalid, size is not summed. */
        PATCH,
        /** Size only, no rules; the root's {@code $metadata}/{@code $version} skipped. */
        SIZE
    }

    private static final int NO_INDEX = -1;

    private final @Nullable TwinSection section;
    private final Mode mode;
    private final boolean checkRules;
    private final int maxKeyBytes;
    private final int maxStringBytes;
    private final int maxDepth;
    private final long minInteger;
    private final long maxInteger;

    private @Nullable String[] keys = new String[16];
    private int[] indices = new int[16];
    private int depth;

    SectionWalker(TwinLimits limits, @Nullable TwinSection section, Mode mode) {
        this.section = section;
        this.mode = mode;
        this.checkRules = mode != Mode.SIZE;
        this.maxKeyBytes = limits.maxKeyBytes();
        this.maxStringBytes = limits.maxStringBytes();
        this.maxDepth = limits.maxDepth();
        this.minInteger = limits.minInteger();
        this.maxInteger = limits.maxInteger();
    }

    /**
     * Walks a whole section (or patch), returning its size (0 in {@link Mode#PATCH}).
     *
     * @throws TwinValidationException at the first violation, unless in {@link Mode#SIZE}
     * @throws IllegalArgumentException in {@link Mode#SIZE}, at a {@code null}, which has no size
     */
    long walkSection(JsonObject root) {
        boolean skipReadOnly = mode != Mode.PATCH;
        long total = 0;
        for (int i = 0, n = root.size(); i < n; i++) {
            String key = root.keyAt(i);
            if (skipReadOnly && isReadOnlyRootMember(key)) {
                continue;
            }
            total += member(key, root.valueAt(i), 0, false);
        }
        return total;
    }

    private static boolean isReadOnlyRootMember(String key) {
        return key.length() > 1 && key.charAt(0) == '$' && (key.equals("$metadata") || key.equals("$version"));
    }

    private long object(JsonObject object, int level, boolean inArray) {
        long total = 0;
        for (int i = 0, n = object.size(); i < n; i++) {
            total += member(object.keyAt(i), object.valueAt(i), level, inArray);
        }
        return total;
    }

    /** Checks and measures one member of an object at {@code level}. */
    private long member(String key, JsonValue value, int level, boolean inArray) {
        push(key, NO_INDEX);
        long size = key(key);
        if (value.isNull()) {
            nullMember(inArray);
        } else {
            size += value(value, level, inArray);
        }
        depth--;
        return size;
    }

    private void nullMember(boolean inArray) {
        if (inArray) {
            throw violation(ValidationRule.NULL_IN_ARRAY, "member of an object inside an array is null");
        }
        switch (mode) {
            case DOCUMENT -> throw violation(ValidationRule.NULL_VALUE,
                    "value is null, but a stored section holds no null");
            case SIZE -> throw nullHasNoSize();
            case PATCH -> {
                // a deletion marker: allowed, and it adds nothing
            }
        }
    }

    /** Measures a non-null value held by an object at {@code level} (directly or through arrays). */
    private long value(JsonValue value, int level, boolean inArray) {
        if (value instanceof JsonString string) {
            return string(string.value());
        }
        if (value instanceof JsonNumber number) {
            if (checkRules && number.isIntegral()) {
                integer(number);
            }
            return 8;
        }
        if (value instanceof JsonObject object) {
            int childLevel = level + 1;
            if (checkRules && childLevel > maxDepth) {
                throw violation(ValidationRule.TOO_DEEP, "object is at level " + childLevel
                        + " below the section root, deeper than the limit of " + maxDepth);
            }
            return object(object, childLevel, inArray);
        }
        if (value instanceof JsonBoolean) {
            return 4;
        }
        return array((JsonArray) value, level);
    }

    private long array(JsonArray array, int level) {
        long total = 0;
        for (int i = 0, n = array.size(); i < n; i++) {
            JsonValue element = array.get(i);
            push(null, i);
            if (element.isNull()) {
                throw checkRules ? violation(ValidationRule.NULL_IN_ARRAY, "array element is null") : nullHasNoSize();
            }
            // arrays are transparent for depth: an element object is one level below the array's holder
            total += value(element, level, true);
            depth--;
        }
        return total;
    }

    private int key(String key) {
        if (!checkRules) {
            return Chars.sizeChars(key);
        }
        if (key.isEmpty()) {
            throw violation(ValidationRule.KEY_EMPTY, "key is empty");
        }
        int chars = Chars.scanKey(key);
        if (chars < 0) {
            forbiddenCharacter(key, -chars - 1);
        }
        if (Chars.mayExceed(key, maxKeyBytes)) {
            long bytes = Chars.utf8Length(key);
            if (bytes > maxKeyBytes) {
                throw violation(ValidationRule.KEY_TOO_LONG, "key is " + bytes
                        + " UTF-8 bytes long, more than the limit of " + maxKeyBytes);
            }
        }
        return chars;
    }

    private void forbiddenCharacter(String key, int index) {
        int codePoint = key.codePointAt(index);
        if (codePoint == '$') {
            throw violation(ValidationRule.KEY_RESERVED, "key contains '$'");
        }
        String what;
        if (codePoint == '.' || codePoint == '#') {
            what = "'" + (char) codePoint + "'";
        } else if (codePoint == ' ') {
            what = "a space (U+0020)";
        } else if (KeyRules.isControl(codePoint)) {
            what = "the control character " + Chars.codePointName(codePoint);
        } else {
            what = "the whitespace character " + Chars.codePointName(codePoint);
        }
        throw violation(ValidationRule.KEY_FORBIDDEN_CHARACTER, "key contains " + what + " at index " + index);
    }

    private long string(String value) {
        if (checkRules && Chars.mayExceed(value, maxStringBytes)) {
            long bytes = Chars.utf8Length(value);
            if (bytes > maxStringBytes) {
                throw violation(ValidationRule.STRING_TOO_LONG, "string value is " + bytes
                        + " UTF-8 bytes long, more than the limit of " + maxStringBytes);
            }
        }
        return mode == Mode.PATCH ? 0 : Chars.sizeChars(value);
    }

    private void integer(JsonNumber number) {
        if (number.fitsInLong()) {
            long value = number.longValue();
            if (value >= minInteger && value <= maxInteger) {
                return;
            }
        }
        throw violation(ValidationRule.INTEGER_OUT_OF_RANGE, "integer " + number + " is outside [" + minInteger + ", "
                + maxInteger + "]");
    }

    private void push(@Nullable String key, int index) {
        if (depth == keys.length) {
            keys = Arrays.copyOf(keys, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
        keys[depth] = key;
        indices[depth] = index;
        depth++;
    }

    private TwinPath path() {
        String[] segments = new String[depth];
        for (int i = 0; i < depth; i++) {
            String key = keys[i];
            segments[i] = key != null ? key : Integer.toString(indices[i]);
        }
        return TwinPath.of(segments);
    }

    private TwinValidationException violation(ValidationRule rule, String detail) {
        if (section == null) {
            throw new IllegalStateException("no rule is checked in " + mode + " mode");
        }
        return new TwinValidationException(section, rule, path(), detail);
    }

    private IllegalArgumentException nullHasNoSize() {
        return new IllegalArgumentException("size is defined for stored sections, which hold no null, but '"
                + Chars.escape(String.join(".", path().segments())) + "' is null");
    }
}
