package io.twinkit.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A path to a value inside a twin section: a sequence of member names, written with dots ({@code location.plant}).
 *
 * <p>Grammar of {@link #parse(String)}: {@code path = "" | segment *("." segment)}, where a segment is any
 * non-empty sequence of characters other than {@code "."}. IoT Hub forbids {@code "."} in keys, so every stored key
 * can be addressed; {@link #of(String...)} accepts any non-empty segments, for keys read from elsewhere. Paths never
 * index into arrays: IoT Hub replaces arrays whole. The empty path is the section itself.
 *
 * <p>Immutable and thread-safe; equality is segment-wise.
 */
public final class TwinPath {

    private static final TwinPath ROOT = new TwinPath(new String[0]);

    private final String[] segments;

    private TwinPath(String[] segments) {
        this.segments = segments;
    }

    /** Returns the empty path, which names the section itself. */
    public static TwinPath root() {
        return ROOT;
    }

    /**
     * Parses a dotted path. {@code ""} is the root.
     *
     * @throws IllegalArgumentException if a segment is empty ({@code "a..b"}, {@code ".a"}, {@code "a."})
     */
    public static TwinPath parse(String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        if (dotted.isEmpty()) {
            return ROOT;
        }
        String[] parts = dotted.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("invalid path '" + dotted
                        + "': segments are separated by single dots and must not be empty");
            }
        }
        return new TwinPath(parts);
    }

    /**
     * Returns the path of the given segments.
     *
     * @throws IllegalArgumentException if a segment is empty
     */
    public static TwinPath of(String... segments) {
        String[] copy = segments.clone();
        for (String segment : copy) {
            Objects.requireNonNull(segment, "segment");
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("path segments must not be empty: " + Arrays.toString(copy));
            }
        }
        return copy.length == 0 ? ROOT : new TwinPath(copy);
    }

    /** Returns the path of the given segments. */
    public static TwinPath of(List<String> segments) {
        return of(segments.toArray(new String[0]));
    }

    /** Returns the segments. */
    public List<String> segments() {
        return List.of(segments);
    }

    /** Returns the number of segments. */
    public int size() {
        return segments.length;
    }

    /** Returns whether this is the empty path. */
    public boolean isRoot() {
        return segments.length == 0;
    }

    /**
     * Returns the segment at {@code index}.
     *
     * @throws IndexOutOfBoundsException if there is no such segment
     */
    public String segment(int index) {
        Objects.checkIndex(index, segments.length);
        return segments[index];
    }

    /**
     * Returns the last segment.
     *
     * @throws IllegalStateException for the root path
     */
    public String lastSegment() {
        if (segments.length == 0) {
            throw new IllegalStateException("the root path has no segments");
        }
        return segments[segments.length - 1];
    }

    /**
     * Returns the path without its last segment.
     *
     * @throws IllegalStateException for the root path
     */
    public TwinPath parent() {
        if (segments.length == 0) {
            throw new IllegalStateException("the root path has no parent");
        }
        return segments.length == 1 ? ROOT : new TwinPath(Arrays.copyOf(segments, segments.length - 1));
    }

    /**
     * Returns this path extended by {@code segment}.
     *
     * @throws IllegalArgumentException if {@code segment} is empty
     */
    public TwinPath child(String segment) {
        Objects.requireNonNull(segment, "segment");
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("path segments must not be empty");
        }
        String[] extended = Arrays.copyOf(segments, segments.length + 1);
        extended[segments.length] = segment;
        return new TwinPath(extended);
    }

    /** Returns whether {@code prefix} is this path or one of its ancestors. */
    public boolean startsWith(TwinPath prefix) {
        if (prefix.segments.length > segments.length) {
            return false;
        }
        for (int i = 0; i < prefix.segments.length; i++) {
            if (!segments[i].equals(prefix.segments[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof TwinPath other && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }

    /** Returns the segments joined with dots; {@code ""} for the root. */
    @Override
    public String toString() {
        return String.join(".", segments);
    }
}
