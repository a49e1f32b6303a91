package io.twinkit.core;

import java.io.InvalidObjectException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A path to a value inside a twin: a sequence of member names (segments), the one path type of twinkit. Property
 * sets and merge patches are read and built with it, validation errors name their location with it, and the query
 * DSL holds its property paths as one.
 *
 * <p>A segment may be any string, even one that no twin key can be, so that every key met in a document can be
 * named, including the offending key of a {@link io.twinkit.core.validation.TwinValidationException} (which may be
 * empty, or hold {@code .}, {@code $}, whitespace or control characters). Paths never index into arrays: IoT Hub
 * replaces arrays whole (only a validation error names an array element, by its decimal index as a segment). The
 * empty path, {@link #root()}, is the section or object itself.
 *
 * <h2>Text form</h2>
 *
 * <p>{@link #parse(String)} reads and {@link #toString()} writes one grammar, in which a plain member name is written
 * as is and segments are joined with dots, so ordinary paths read as before ({@code location.plant}), and any other
 * segment is quoted in brackets:
 *
 * <pre>
 * path    = "" | first *next
 * first   = name | quoted
 * next    = "." name | quoted                  ; a quoted segment follows without a dot
 * name    = 1*(any character except "." and "[")
 * quoted  = "['" *(char | escape) "']"
 * char    = any character except "'" and "\"
 * escape  = "\'" | "\\" | "&#92;u" 4HEXDIG        ; one UTF-16 unit, hex digits in either case
 * </pre>
 *
 * <table class="striped">
 *   <caption>Paths and their text</caption>
 *   <thead><tr><th>Segments</th><th>Text</th></tr></thead>
 *   <tbody>
 *   <tr><td>(none)</td><td>{@code ""}</td></tr>
 *   <tr><td>{@code location}, {@code plant}</td><td>{@code location.plant}</td></tr>
 *   <tr><td>{@code $metadata}, {@code a}, {@code $lastUpdated}</td><td>{@code $metadata.a.$lastUpdated}</td></tr>
 *   <tr><td>{@code a}, {@code b.c}</td><td>{@code a['b.c']}</td></tr>
 *   <tr><td>{@code a}, (empty)</td><td>{@code a['']}</td></tr>
 *   <tr><td>{@code my name}, {@code O'Brien}</td><td>{@code ['my name'].O'Brien}</td></tr>
 *   <tr><td>{@code it's}, {@code line}<i>newline</i>{@code break}</td>
 *       <td><code>['it\'s']['line&#92;u000Abreak']</code></td></tr>
 *   </tbody>
 * </table>
 *
 * <p>{@link #toString()} writes a segment as a name when it is not empty and holds no {@code .}, no {@code [}, no
 * whitespace (the Unicode {@code White_Space} set, the space included), no control character and no unpaired
 * surrogate; otherwise quoted, escaping {@code '} and {@code \} with a backslash and every control character,
 * whitespace character other than the space, and unpaired surrogate as {@code \}{@code uHHHH} (upper-case hex), so
 * the text is one line of visible characters. {@code parse(p.toString())} equals {@code p} for every path {@code p};
 * text that {@code parse} accepts in another spelling (a name with a space in it, {@code ['a']} for {@code a}, a
 * lower-case escape) reads as the same path and is written back in the form above.
 *
 * <p>Immutable and thread-safe; serializable, so that exceptions carrying a path are. Equality, hash code and
 * {@linkplain #compareTo order} are segment-wise and case-sensitive, as twin keys are.
 *
 * @see <a href="https://learn.microsoft.com/azure/iot-hub/iot-hub-devguide-device-twins#tags-and-properties-format">
 *     Tags and properties format</a>
 */
public final class TwinPath implements Comparable<TwinPath>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final TwinPath ROOT = new TwinPath(new String[0]);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String[] segments;

    private TwinPath(String[] segments) {
        this.segments = segments;
    }

    /** Returns the empty path, which names the section (or object) itself. */
    public static TwinPath root() {
        return ROOT;
    }

    /**
     * Reads the text form (see the class description): {@code ""} is the root, {@code location.plant} has two
     * segments, {@code a['b.c']} has the segments {@code a} and {@code b.c}.
     *
     * @param text the path in the grammar of the class description
     * @return the path
     * @throws IllegalArgumentException if {@code text} is not in the grammar; the message shows the text and names
     *     the index (counted in UTF-16 units from 0) and what was expected there
     */
    public static TwinPath parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return ROOT;
        }
        return new TwinPath(new Parser(text).segments());
    }

    /**
     * Returns the path of the given segments. A segment may be any string, even empty or holding a dot:
     * {@code of("a.b")} has one segment, and its text is {@code ['a.b']}.
     *
     * @throws NullPointerException if a segment is {@code null}
     */
    public static TwinPath of(String... segments) {
        String[] copy = segments.clone();
        for (int i = 0; i < copy.length; i++) {
            Objects.requireNonNull(copy[i], "segments[" + i + "]");
        }
        return copy.length == 0 ? ROOT : new TwinPath(copy);
    }

    /**
     * Returns the path of the given segments.
     *
     * @throws NullPointerException if a segment is {@code null}
     */
    public static TwinPath of(List<String> segments) {
        return of(segments.toArray(new String[0]));
    }

    /** Returns the segments, an unmodifiable list; empty for the root. */
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
     * Returns the first segment.
     *
     * @throws IllegalStateException for the root path
     */
    public String firstSegment() {
        if (segments.length == 0) {
            throw new IllegalStateException("the root path has no segments");
        }
        return segments[0];
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

    /** Returns this path extended by {@code segment}, which may be any string. */
    public TwinPath child(String segment) {
        Objects.requireNonNull(segment, "segment");
        String[] extended = Arrays.copyOf(segments, segments.length + 1);
        extended[segments.length] = segment;
        return new TwinPath(extended);
    }

    /**
     * Returns this path followed by the segments of {@code relative}: {@code parse("tags").append(parse("a.b"))} is
     * {@code tags.a.b}. Appending the root gives this path.
     */
    public TwinPath append(TwinPath relative) {
        Objects.requireNonNull(relative, "relative");
        if (relative.segments.length == 0) {
            return this;
        }
        if (segments.length == 0) {
            return relative;
        }
        String[] joined = Arrays.copyOf(segments, segments.length + relative.segments.length);
        System.arraycopy(relative.segments, 0, joined, segments.length, relative.segments.length);
        return new TwinPath(joined);
    }

    /** Returns whether {@code prefix} is this path or one of its ancestors; every path starts with the root. */
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

    /**
     * Compares segment by segment ({@link String#compareTo}, so by UTF-16 units and case-sensitively); a path comes
     * before its descendants. Consistent with {@link #equals}.
     */
    @Override
    public int compareTo(TwinPath other) {
        return Arrays.compare(segments, other.segments);
    }

    /** Returns whether {@code obj} is a path with equal segments. */
    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof TwinPath other && Arrays.equals(segments, other.segments);
    }

    /** Returns a hash code of the segments. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }

    /**
     * Returns the text form (see the class description), which {@link #parse(String)} reads back into an equal path:
     * {@code location.plant}, {@code a['b.c']}; {@code ""} for the root.
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(segments.length * 12);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (isName(segment)) {
                if (i > 0) {
                    out.append('.');
                }
                out.append(segment);
            } else {
                appendQuoted(out, segment);
            }
        }
        return out.toString();
    }

    /** Keeps the root a single instance and rejects a stream that smuggles in a null segment. */
    @Serial
    private Object readResolve() throws InvalidObjectException {
        if (segments == null || Arrays.asList(segments).contains(null)) {
            throw new InvalidObjectException("a path has non-null segments");
        }
        return segments.length == 0 ? ROOT : this;
    }

    /** Whether {@code segment} is written bare: readable back as a name, and all of it visible. */
    private static boolean isName(String segment) {
        int length = segment.length();
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = segment.charAt(i);
            if (c == '.' || c == '[' || KeyRules.isWhitespace(c) || KeyRules.isControl(c)) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!isPairAt(segment, i)) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static void appendQuoted(StringBuilder out, String segment) {
        out.append("['");
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append('\\').append(c);
            } else if (Character.isSurrogate(c)) {
                if (isPairAt(segment, i)) {
                    out.append(c).append(segment.charAt(++i));
                } else {
                    appendUnicodeEscape(out, c);
                }
            } else if (c != ' ' && (KeyRules.isControl(c) || KeyRules.isWhitespace(c))) {
                appendUnicodeEscape(out, c);
            } else {
                out.append(c);
            }
        }
        out.append("']");
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
    }

    /** Whether a surrogate pair, one supplementary code point, starts at {@code i}. */
    private static boolean isPairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Reads one text into segments, failing at the first character that does not fit the grammar. */
    private static final class Parser {

        private final String text;
        private final List<String> segments = new ArrayList<>();
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        String[] segments() {
            boolean afterDot = false;
            while (true) {
                if (!afterDot && pos < text.length() && text.charAt(pos) == '[') {
                    quoted();
                    if (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
                        throw error(pos, "'.', '[' or the end of the path after a quoted segment");
                    }
                } else {
                    name(afterDot);
                }
                if (pos == text.length()) {
                    return segments.toArray(new String[0]);
                }
                afterDot = text.charAt(pos) == '.';
                if (afterDot) {
                    pos++;
                }
            }
        }

        private void name(boolean afterDot) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
                pos++;
            }
            if (pos == start) {
                String found = pos == text.length() ? "the end of the path" : "'" + text.charAt(pos) + "'";
                String hint = afterDot && pos < text.length() && text.charAt(pos) == '['
                        ? "; a quoted segment follows without a dot, as in a['b']"
                        : "; names are separated by single dots and must not be empty (an empty segment is [''])";
                throw error(pos, "a name, but found " + found + hint);
            }
            segments.add(text.substring(start, pos));
        }

        private void quoted() {
            int open = pos;
            pos++;
            if (pos >= text.length() || text.charAt(pos) != '\'') {
                throw error(pos, "' after [ (a quoted segment is written ['...'])");
            }
            pos++;
            StringBuilder segment = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error(pos, "'] to close the segment quoted at index " + open);
                }
                char c = text.charAt(pos);
                if (c == '\'') {
                    if (pos + 1 >= text.length() || text.charAt(pos + 1) != ']') {
                        throw error(pos + 1, "] after the closing ' of the segment quoted at index " + open
                                + " (write a quote inside a segment as \\')");
                    }
                    pos += 2;
                    segments.add(segment.toString());
                    return;
                }
                if (c == '\\') {
                    segment.append(escape());
                } else {
                    segment.append(c);
                    pos++;
                }
            }
        }

        private char escape() {
            if (pos + 1 < text.length()) {
                char escaped = text.charAt(pos + 1);
                if (escaped == '\'' || escaped == '\\') {
                    pos += 2;
                    return escaped;
                }
                if (escaped == 'u' && pos + 6 <= text.length()) {
                    int value = 0;
                    for (int i = pos + 2; i < pos + 6; i++) {
                        int digit = text.charAt(i) < 128 ? Character.digit(text.charAt(i), 16) : -1;
                        if (digit < 0) {
                            throw error(pos, "an escape \\', \\\\ or \\u with four hex digits");
                        }
                        value = value << 4 | digit;
                    }
                    pos += 6;
                    return (char) value;
                }
            }
            throw error(pos, "an escape \\', \\\\ or \\u with four hex digits");
        }

        private IllegalArgumentException error(int index, String expected) {
            return new IllegalArgumentException("invalid path '" + printable(text) + "' at index " + index
                    + ": expected " + expected);
        }

        /** Keeps the message on one line and shows what is invisible, as the text form itself does. */
        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != ' ' && (KeyRules.isControl(c) || KeyRules.isWhitespace(c))) {
                    appendUnicodeEscape(out, c);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
