package io.twinkit.core;

import java.util.Objects;

/**
 * One of the three user sections of a twin: {@code tags}, {@code properties.desired} and
 * {@code properties.reported}. Each has its own size limit and its own update path (tags and desired are written by
 * the back end, reported by the device).
 */
public enum TwinSection {
    /** {@code tags}: back-end-only metadata, never seen by the device. */
    TAGS("tags", "tags"),
    /** {@code properties.desired}: written by the back end, read by the device. */
    DESIRED("properties.desired", "desired"),
    /** {@code properties.reported}: written by the device, read by the back end. */
    REPORTED("properties.reported", "reported");

    private final String jsonPath;
    private final String shortName;

    TwinSection(String jsonPath, String shortName) {
        this.jsonPath = jsonPath;
        this.shortName = shortName;
    }

    /** Returns the dotted path of the section inside a twin document, e.g. {@code properties.desired}. */
    public String jsonPath() {
        return jsonPath;
    }

    /** Returns the short name the conformance vectors and error messages use, e.g. {@code desired}. */
    public String shortName() {
        return shortName;
    }

    /**
     * Returns the section whose {@linkplain #shortName() short name} is {@code name} ({@code tags}, {@code desired}
     * or {@code reported}); the match is exact and case-sensitive.
     *
     * @throws IllegalArgumentException if {@code name} is none of them, listing the accepted names
     */
    public static TwinSection fromShortName(String name) {
        Objects.requireNonNull(name, "name");
        for (TwinSection section : values()) {
            if (section.shortName.equals(name)) {
                return section;
            }
        }
        StringBuilder accepted = new StringBuilder();
        for (TwinSection section : values()) {
            accepted.append(accepted.length() == 0 ? "" : ", ").append(section.shortName);
        }
        throw new IllegalArgumentException("'" + name + "' is not a twin section; expected one of " + accepted);
    }
}
