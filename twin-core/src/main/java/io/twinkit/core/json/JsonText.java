package io.twinkit.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.twinkit.core.error.TwinJsonException;
import java.io.IOException;

/**
 * What the text reader and writer share: the one Jackson streaming factory, and the translation of Jackson's
 * errors into {@link TwinJsonException}.
 */
final class JsonText {

    /**
     * The streaming factory of every parser and generator of this package; Jackson's default limits apply (nesting
     * depth 1,000, numbers of 1,000 digits, strings of 20,000,000 chars, names of 50,000 chars). Jackson escapes a
     * character outside the BMP as a surrogate pair ({@code \uD83D\uDE00}) unless told otherwise, which would break
     * the promise of unescaped non-ASCII output for emoji. Duplicate member names are rejected by {@link JsonReader},
     * more cheaply than Jackson's {@code STRICT_DUPLICATE_DETECTION} would. Doubles are read with Jackson's fast
     * parser, which rounds exactly as {@link Double#parseDouble} does, in a fraction of the time.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JsonText() {
    }

    /** Returns the twinkit exception for a parser failure, with its line, column and member path. */
    static TwinJsonException failure(IOException e) {
        if (e instanceof JsonProcessingException processing) {
            JsonLocation at = processing.getLocation();
            String path = "";
            if (e instanceof StreamReadException read && read.getProcessor() != null) {
                path = pointerToPath(read.getProcessor().getParsingContext().pathAsPointer().toString());
            }
            return new TwinJsonException("malformed JSON: " + processing.getOriginalMessage(),
                    at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), path, e);
        }
        return new TwinJsonException("malformed JSON: " + e.getMessage(), -1, -1, "", e);
    }

    /** Turns a JSON Pointer ({@code /a/0/b~1c}) into twinkit's dotted member path ({@code a.0.b/c}). */
    static String pointerToPath(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(pointer.length());
        for (String segment : pointer.substring(1).split("/", -1)) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(segment.replace("~1", "/").replace("~0", "~"));
        }
        return path.toString();
    }
}
