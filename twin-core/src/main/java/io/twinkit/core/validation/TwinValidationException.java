package io.twinkit.core.validation;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.TwinPath;
import io.twinkit.core.TwinSection;
import java.util.List;
import java.util.Objects;

/**
 * Thrown when a twin section or a patch breaks one of IoT Hub's rules. The service answers such a request with
 * HTTP 400 and error code {@link IotHubErrorCode#ARGUMENT_INVALID} (400004), and applies nothing of it.
 *
 * <p>{@link #path()} names the one location at fault, below the section root: its segments are member names and
 * array indices (in decimal); an offending key is the last segment, verbatim (it may be empty, or hold {@code .},
 * {@code $}, whitespace or control characters, which {@link TwinPath} holds and writes unambiguously); a too-deep
 * object is named by the outermost object above the limit; a section over its size limit has the
 * {@linkplain TwinPath#root() root} path.
 *
 * <p>The message shows the segments joined with {@code .}, as the conformance vectors write paths, with
 * control and whitespace characters other than the space escaped as four-digit {@code \}{@code u} escapes (a newline
 * as {@code \}{@code u000A}), e.g.
 * {@code Invalid desired property at 'x.$ref': key contains '$' [KEY_RESERVED, 400004]. Keys must not ...}.
 * That display form is for people; a program reads {@link #path()}, whose {@link TwinPath#toString()} is exact
 * ({@code a['b.c']} for the key {@code b.c} inside {@code a}, where the message shows {@code a.b.c}).
 */
public final class TwinValidationException extends TwinException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SEGMENT_IN_MESSAGE = 120;

    private final TwinSection section;
    private final ValidationRule rule;
    private final TwinPath path;

    /**
     * Creates an exception.
     *
     * @param section the section that was checked
     * @param rule the rule that was broken
     * @param path the location at fault, one member name or decimal array index per segment; the root for the whole
     *     section
     * @param detail what exactly is wrong there, e.g. {@code key contains '$'}
     */
    public TwinValidationException(TwinSection section, ValidationRule rule, TwinPath path, String detail) {
        super(IotHubErrorCode.ARGUMENT_INVALID, message(section, rule, path, detail));
        this.section = section;
        this.rule = rule;
        this.path = path;
    }

    /** Returns the section that was checked. */
    public TwinSection section() {
        return section;
    }

    /** Returns the rule that was broken. */
    public ValidationRule rule() {
        return rule;
    }

    /**
     * Returns the location at fault below the section root: member names and decimal array indices, the offending
     * key verbatim as the last segment; the root for the whole section.
     */
    public TwinPath path() {
        return path;
    }

    private static String message(TwinSection section, ValidationRule rule, TwinPath path, String detail) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
        List<String> segments = path.segments();
        StringBuilder out = new StringBuilder(96 + detail.length() + rule.howToFix().length());
        out.append("Invalid ");
        if (segments.isEmpty()) {
            out.append(pluralNoun(section));
        } else {
            out.append(singularNoun(section)).append(" at '");
            for (int i = 0; i < segments.size(); i++) {
                if (i > 0) {
                    out.append('.');
                }
                out.append(Chars.escape(abbreviate(segments.get(i))));
            }
            out.append('\'');
        }
        out.append(": ").append(detail)
                .append(" [").append(rule.name()).append(", ").append(IotHubErrorCode.ARGUMENT_INVALID.code())
                .append("]. ").append(rule.howToFix());
        return out.toString();
    }

    /** Keeps messages readable when the offending key is itself the problem (a key of thousands of bytes). */
    private static String abbreviate(String segment) {
        if (segment.length() <= MAX_SEGMENT_IN_MESSAGE) {
            return segment;
        }
        int cut = MAX_SEGMENT_IN_MESSAGE;
        if (Character.isHighSurrogate(segment.charAt(cut - 1))) {
            cut--;
        }
        return segment.substring(0, cut) + "...(" + segment.length() + " chars)";
    }

    private static String singularNoun(TwinSection section) {
        return switch (section) {
            case TAGS -> "tag";
            case DESIRED -> "desired property";
            case REPORTED -> "reported property";
        };
    }

    private static String pluralNoun(TwinSection section) {
        return switch (section) {
            case TAGS -> "tags";
            case DESIRED -> "desired properties";
            case REPORTED -> "reported properties";
        };
    }
}
