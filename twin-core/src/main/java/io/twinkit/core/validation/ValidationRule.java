package io.twinkit.core.validation;

/**
 * The IoT Hub rules a twin section can break, as reported by {@link TwinValidationException#rule()}. Every rule is
 * answered by the service with HTTP 400 and error code 400004 (ArgumentInvalid).
 */
public enum ValidationRule {
    /** A key is the empty string. */
    KEY_EMPTY("key is empty",
            "Keys must hold at least one character; give the property a name."),
    /** A key is longer than {@link TwinLimits#maxKeyBytes()} UTF-8 bytes. */
    KEY_TOO_LONG("key is too long",
            "Keys must be at most 1024 UTF-8 bytes on the service (TwinLimits.maxKeyBytes); shorten the key."),
    /** A key holds a control character, a Unicode whitespace character, {@code .} or {@code #}. */
    KEY_FORBIDDEN_CHARACTER("key contains a forbidden character",
            "Keys must not contain control characters, whitespace (any Unicode White_Space, including no-break"
                    + " spaces), '.', '$' or '#'; rename the key."),
    /**
     * A key holds {@code $}, which IoT Hub reserves for the read-only {@code $metadata} and {@code $version}; in a
     * patch even those two are rejected.
     */
    KEY_RESERVED("key contains '$'",
            "Keys must not contain '$', which IoT Hub reserves for read-only members such as $metadata and"
                    + " $version (and those cannot be written); rename the key."),
    /** A string value is longer than {@link TwinLimits#maxStringBytes()} UTF-8 bytes. */
    STRING_TOO_LONG("string value is too long",
            "String values must be at most 4096 UTF-8 bytes on the service (TwinLimits.maxStringBytes); keep large"
                    + " data elsewhere (for example in blob storage) and store a reference in the twin."),
    /** An integer lies outside [{@link TwinLimits#minInteger()}, {@link TwinLimits#maxInteger()}]. */
    INTEGER_OUT_OF_RANGE("integer is out of range",
            "Integers must lie within [-4503599627370496, 4503599627370495] on the service (TwinLimits.minInteger"
                    + " and maxInteger); send a larger value as a string, or as a double if losing precision is"
                    + " acceptable."),
    /** A {@code null} inside an array: an element, an element of a nested array, or a member of an object in one. */
    NULL_IN_ARRAY("null inside an array",
            "Arrays hold no null at any depth, not even as a member of an object inside the array; remove the"
                    + " element or member, or use a sentinel value."),
    /** A {@code null} member value in a stored document, where only a patch may hold one (as a deletion). */
    NULL_VALUE("value is null",
            "A stored section never holds null; leave the key out, or delete it with a MergePatch that maps it to"
                    + " null."),
    /** An object is nested deeper than {@link TwinLimits#maxDepth()} levels below the section root. */
    TOO_DEEP("object is nested too deep",
            "Objects may nest at most 10 levels below the section root on the service (TwinLimits.maxDepth);"
                    + " flatten the structure, for example by joining nested keys with '_'."),
    /** The section is larger than {@link TwinLimits#maxSize} under the documented size algorithm. */
    SECTION_TOO_LARGE("section is too large",
            "Sections hold at most 8192 (tags) and 32768 (desired, reported) under the documented size algorithm"
                    + " (TwinLimits.maxSize), counted after a patch is applied; remove or shorten properties.");

    private final String description;
    private final String howToFix;

    ValidationRule(String description, String howToFix) {
        this.description = description;
        this.howToFix = howToFix;
    }

    /** Returns a short human description of the violation, e.g. {@code key contains '$'}. */
    public String description() {
        return description;
    }

    /** Returns what the rule requires and how to fix a violation, as one or two sentences. */
    public String howToFix() {
        return howToFix;
    }
}
