package io.twinkit.core;

/** The character rules IoT Hub applies to device and module ids. */
final class IdRules {

    static final int MAX_LENGTH = 128;
    private static final String SPECIALS = "-:.+%_#*?!(),=@;$'";

    private IdRules() {
    }

    static String check(String kind, String value) {
        if (value.isEmpty()) {
            throw new InvalidIdException(kind + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidIdException(kind + " '" + value.substring(0, 16) + "...' has " + value.length()
                    + " characters; IoT Hub allows at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c < 128 && Character.isLetterOrDigit(c);
            if (!alphanumeric && SPECIALS.indexOf(c) < 0) {
                throw new InvalidIdException(kind + " '" + value + "' has the character '" + printable(c)
                        + "' at index " + i + "; IoT Hub allows ASCII letters, digits and " + SPECIALS);
            }
        }
        return value;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || c > 126
                ? String.format("\\u%04X", (int) c) : String.valueOf(c);
    }
}
