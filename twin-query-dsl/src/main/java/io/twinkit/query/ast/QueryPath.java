package io.twinkit.query.ast;

import io.twinkit.core.TwinDocument;
import io.twinkit.query.InvalidQueryException;
import io.twinkit.query.sql.SqlText;
import io.twinkit.query.sql.SqlWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A property path from the twin root, such as {@code tags.location.plant} or
 * {@code properties.reported.connectivity.type}.
 *
 * <p>The first segment names a root field; it is matched case-insensitively and stored in the service's casing
 * ({@code DeviceId} becomes {@code deviceId}), as the service does. Segments below it are case-sensitive, as twin keys
 * are. Paths never index into arrays. Every segment must be writable as query text ({@link SqlText#checkSegment}), so
 * a path can always be rendered and parsed back.
 */
public final class QueryPath implements Expression, Selectable {

    /**
     * The root fields of twins ({@link TwinDocument#FIELD_NAMES}) and then of job records, in the service's casing.
     */
    public static final List<String> ROOT_FIELDS = List.copyOf(Stream.concat(TwinDocument.FIELD_NAMES.stream(),
            Stream.of("jobId", "jobType", "startTimeUtc", "endTimeUtc", "createdDateTimeUtc",
                    "lastUpdatedDateTimeUtc", "outcome")).toList());

    private static final Map<String, String> CANONICAL_ROOTS = ROOT_FIELDS.stream()
            .collect(Collectors.toUnmodifiableMap(name -> name.toLowerCase(Locale.ROOT), Function.identity()));

    private final String[] segments;

    private QueryPath(String[] segments) {
        this.segments = segments;
    }

    /**
     * Returns the path of the given segments, the first being a root field.
     *
     * @throws InvalidQueryException if there are no segments or one cannot be written as query text
     */
    public static QueryPath of(String... segments) {
        if (segments.length == 0) {
            throw new InvalidQueryException("a path needs at least one segment");
        }
        String[] copy = segments.clone();
        for (String segment : copy) {
            SqlText.checkSegment(segment);
        }
        String canonical = CANONICAL_ROOTS.get(copy[0].toLowerCase(Locale.ROOT));
        if (canonical != null) {
            copy[0] = canonical;
        }
        return new QueryPath(copy);
    }

    /** Returns the path of the given segments. */
    public static QueryPath of(List<String> segments) {
        return of(segments.toArray(new String[0]));
    }

    /**
     * Returns the path {@code root} followed by the segments of a dotted path (twin keys never hold a dot).
     *
     * @throws InvalidQueryException if a segment is empty or cannot be written
     */
    public static QueryPath under(List<String> root, String dotted) {
        Objects.requireNonNull(dotted, "dotted");
        String[] parts = dotted.split("\\.", -1);
        return of(Stream.concat(root.stream(), Arrays.stream(parts)).toArray(String[]::new));
    }

    /** Returns the segments. */
    public List<String> segments() {
        return List.of(segments);
    }

    /** Returns the number of segments. */
    public int size() {
        return segments.length;
    }

    /** Returns the segment at {@code index}. */
    public String segment(int index) {
        return segments[index];
    }

    /** Returns the root field, the first segment. */
    public String root() {
        return segments[0];
    }

    /** Returns the last segment, which names a projected member unless an alias is given. */
    public String lastSegment() {
        return segments[segments.length - 1];
    }

    /** Returns whether the first segment is one of the {@link #ROOT_FIELDS}. */
    public boolean startsAtKnownRoot() {
        return CANONICAL_ROOTS.containsValue(segments[0]);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return this == obj || obj instanceof QueryPath other && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }

    /** Returns the SQL text of the path. */
    @Override
    public String toString() {
        return SqlWriter.render(this);
    }
}
