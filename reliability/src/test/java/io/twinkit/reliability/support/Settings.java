package io.twinkit.reliability.support;

/**
 * The size of a run, from system properties: the build sets the short values, the {@code reliability-long} profile
 * (and {@code reliability/run.sh}) the long ones. A property that is absent takes the short default given here, so a
 * test started from an IDE runs its short version.
 */
public final class Settings {

    private Settings() {
    }

    /**
     * Returns the integer system property {@code name}, or {@code fallback} when it is absent or blank.
     *
     * @throws IllegalArgumentException if it is present but not an integer
     */
    public static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be an integer, not '" + value + "'",
                    e);
        }
    }

    /** Returns the number of tries of each fuzz target ({@code reliability.tries}). */
    public static int tries() {
        return integer("reliability.tries", 200);
    }
}
