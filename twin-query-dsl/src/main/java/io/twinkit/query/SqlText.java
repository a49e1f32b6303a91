package io.twinkit.query;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinPath;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonBoolean;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.KeyRules;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place where values and keys become query text: every literal goes through {@link #literal(JsonValue)} and
 * every path segment through {@link #segment(String)}, so no value or key can change the structure of a query. A
 * path is a {@link TwinPath}; {@link #checkPath(TwinPath)} states which paths a query can hold.
 *
 * <ul>
 *   <li>Strings are single-quoted; {@code \} becomes {@code \\} first, then {@code '} becomes {@code \'}; control
 *       characters become a backslash, {@code u} and four uppercase hex digits; everything else is copied as
 *       is.
 *   <li>Integers are plain decimal, exactly; doubles are the shortest decimal that reads back as the same double, in
 *       positional notation, with {@code .0} when integral ({@code 1e21} is {@code 1000000000000000000000.0}).
 *   <li>A segment is bare when it matches {@code [A-Za-z_][A-Za-z0-9_]*} and is not a reserved word, and is written
 *       {@code [[segment]]} otherwise. Segments that are empty, hold {@code . $ #}, a control or whitespace character,
 *       hold {@code ]]} or end with {@code ]} cannot be written and are rejected. A segment with {@code -}
 *       ({@code my-key}) is bracketed although the parser also reads it bare, so that text written here reads the
 *       same with parsers that split it at the minus sign.
 *   <li>An alias is an {@linkplain #isIdentifier identifier}: hyphens allowed ({@code AS key-4c5a}, as the service
 *       accepts), reserved words not.
 * </ul>
 */
final class SqlText {

    /** The words that must be bracketed when used as a path segment, matched case-insensitively. */
    public static final Set<String> RESERVED_WORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "AS", "TOP",
            "AND", "OR", "NOT", "IN", "NIN", "COUNT", "AVG", "SUM", "MIN", "MAX", "NULL", "TRUE", "FALSE", "UNDEFINED",
            "IS_DEFINED", "STARTSWITH", "ENDSWITH", "CONTAINS");

    /**
     * The root fields of twins ({@link TwinDocument#FIELD_NAMES}) and then of job records, in the service's casing. A
     * query path's first segment that matches one of them case-insensitively is written in this casing.
     */
    public static final List<String> ROOT_FIELDS = Stream.concat(TwinDocument.FIELD_NAMES.stream(),
            Stream.of("jobId", "jobType", "startTimeUtc", "endTimeUtc", "createdDateTimeUtc",
                    "lastUpdatedDateTimeUtc", "outcome")).toList();

    private static final Map<String, String> CANONICAL_ROOTS = ROOT_FIELDS.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name.toLowerCase(Locale.ROOT), Function.identity()));
    private static final String COLLECTION_PREFIX = "devices";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlText() {
    }

    /** Returns whether {@code word} is reserved (case-insensitively). */
    public static boolean isReservedWord(String word) {
        return RESERVED_WORDS.contains(word.toUpperCase(Locale.ROOT));
    }

    /**
     * Renders a literal: a string, number, boolean or {@code null}, or a non-empty array of strings, numbers and
     * booleans (for {@code IN}).
     *
     * @throws InvalidQueryException for an object, an empty array, or an array holding an array, object or null
     */
    public static String literal(JsonValue value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder();
        appendLiteral(out, value);
        return out.toString();
    }

    /** Appends the literal form of {@code value}, as {@link #literal(JsonValue)}. */
    public static void appendLiteral(StringBuilder out, JsonValue value) {
        switch (value.type()) {
            case STRING -> appendString(out, ((JsonString) value).value());
            case NUMBER -> out.append(number((JsonNumber) value));
            case BOOLEAN -> out.append(((JsonBoolean) value).value() ? "true" : "false");
            case NULL -> out.append("null");
            case ARRAY -> appendArray(out, (JsonArray) value);
            case OBJECT -> throw new InvalidQueryException("an object cannot be a query literal: " + value);
            default -> throw new IllegalStateException("unknown JSON type " + value.type());
        }
    }

    private static void appendArray(StringBuilder out, JsonArray array) {
        if (array.isEmpty()) {
            throw new InvalidQueryException("an array literal needs at least one element; "
                    + "IN [] can never match, so leave the condition out instead");
        }
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            if (!(element instanceof JsonString || element instanceof JsonNumber || element instanceof JsonBoolean)) {
                throw new InvalidQueryException("array literal elements must be strings, numbers or booleans, but "
                        + "element " + i + " is " + element.type());
            }
            if (i > 0) {
                out.append(", ");
            }
            appendLiteral(out, element);
        }
        out.append(']');
    }

    /** Renders a string literal, single-quoted and escaped. */
    public static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendString(out, value);
        return out.toString();
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\'') {
                out.append("\\'");
            } else if (Character.isISOControl(c)) {
                out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('\'');
    }

    /** Renders a number: integers exactly, doubles as the shortest round-tripping positional decimal. */
    public static String number(JsonNumber number) {
        if (number.isIntegral()) {
            return number.toString();
        }
        double value = number.doubleValue();
        if (value == 0) {
            return "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                return positional(rounded);
            }
        }
        return positional(exact);
    }

    private static String positional(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        String text = stripped.toPlainString();
        return stripped.scale() <= 0 ? text + ".0" : text;
    }

    /**
     * Renders one path segment, bare or bracketed.
     *
     * @throws InvalidQueryException if the segment cannot be written (see the class description)
     */
    public static String segment(String segment) {
        checkSegment(segment);
        return isBare(segment) ? segment : "[[" + segment + "]]";
    }

    /**
     * Renders a path: its segments, each as {@link #segment(String)}, joined with dots
     * ({@code properties.reported.[[my-key]]}).
     *
     * @throws InvalidQueryException if {@code path} is the root or a segment cannot be written
     */
    public static String path(TwinPath path) {
        List<String> segments = path.segments();
        if (segments.isEmpty()) {
            throw new InvalidQueryException("a path needs at least one segment");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (i > 0) {
                out.append('.');
                out.append(segment(segment));
            } else if (segments.size() > 1 && segment.equalsIgnoreCase(COLLECTION_PREFIX)) {
                // a bare leading "devices." is the collection prefix, which readers strip: keep the key a key
                checkSegment(segment);
                out.append("[[").append(segment).append("]]");
            } else {
                out.append(segment(segment));
            }
        }
        return out.toString();
    }

    /**
     * Returns {@code path} as a query holds it: checked to be writable, and with its first segment in the service's
     * casing when it names one of the {@link #ROOT_FIELDS} ({@code DeviceId} becomes {@code deviceId}), as the
     * service matches root fields case-insensitively. Segments below the root field are case-sensitive, as twin keys
     * are.
     *
     * @throws InvalidQueryException if {@code path} is the root or a segment cannot be written (see
     *     {@link #checkSegment(String)})
     */
    public static TwinPath checkPath(TwinPath path) {
        Objects.requireNonNull(path, "path");
        if (path.isRoot()) {
            throw new InvalidQueryException("a path needs at least one segment");
        }
        for (String segment : path.segments()) {
            checkSegment(segment);
        }
        String first = path.firstSegment();
        String canonical = CANONICAL_ROOTS.get(first.toLowerCase(Locale.ROOT));
        if (canonical == null || canonical.equals(first)) {
            return path;
        }
        List<String> segments = new ArrayList<>(path.segments());
        segments.set(0, canonical);
        return TwinPath.of(segments);
    }

    /** Returns whether {@code name} is one of the {@link #ROOT_FIELDS}, in the service's casing. */
    public static boolean isRootField(String name) {
        return name.equals(CANONICAL_ROOTS.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Checks that a segment can be written.
     *
     * @throws InvalidQueryException naming the segment and the rule
     */
    public static void checkSegment(String segment) {
        Objects.requireNonNull(segment, "segment");
        if (segment.isEmpty()) {
            throw new InvalidQueryException("a path segment must not be empty");
        }
        int bad = KeyRules.firstForbiddenIndex(segment);
        if (bad >= 0) {
            throw new InvalidQueryException("path segment '" + printable(segment) + "' has the character '"
                    + printable(segment.substring(bad, bad + Character.charCount(segment.codePointAt(bad))))
                    + "' at index " + bad + ", which a twin key cannot hold (no control or whitespace characters,"
                    + " '.', '$' or '#')");
        }
        if (segment.contains("]]") || segment.endsWith("]")) {
            throw new InvalidQueryException("path segment '" + printable(segment) + "' contains ']]' or ends with"
                    + " ']', so it cannot be written as [[segment]]");
        }
    }

    /** Returns whether a (valid) segment can be written without brackets. */
    public static boolean isBare(String segment) {
        char first = segment.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            return false;
        }
        for (int i = 1; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!(isAsciiLetter(c) || c == '_' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !isReservedWord(segment);
    }

    /**
     * Returns whether {@code text} is an identifier as the parser reads one bare: an ASCII letter or {@code _}, then
     * ASCII letters, digits, {@code _} and single {@code -} signs each followed by one of those (so not at the end,
     * and never two in a row), and not a reserved word. {@code key-4c5a} is one identifier; {@code a - b} and
     * {@code a--b} are subtractions. This is the rule for aliases.
     */
    public static boolean isIdentifier(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !(isAsciiLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean wordPart = isAsciiLetter(c) || c == '_' || c >= '0' && c <= '9';
            if (!wordPart && !(c == '-' && i + 1 < text.length() && text.charAt(i + 1) != '-')) {
                return false;
            }
        }
        return !isReservedWord(text);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (KeyRules.isControl(cp) || KeyRules.isWhitespace(cp) && cp != ' ') {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
