package io.twinkit.query;

/**
 * Thrown by the parser for text that is not a query of IoT Hub's language. It names the 0-based character position
 * and what was expected there, e.g. {@code expected FROM at position 9 but found 'devices'}.
 */
public final class QuerySyntaxException extends InvalidQueryException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String expected;

    /**
     * Creates an exception.
     *
     * @param position the 0-based character position of the problem
     * @param expected what the grammar allows there, e.g. {@code "FROM"} or {@code "a literal"}
     * @param found what the text holds there, e.g. {@code "'devices'"} or {@code "end of query"}
     */
    public QuerySyntaxException(int position, String expected, String found) {
        super("invalid query: expected " + expected + " at position " + position + " but found " + found);
        this.position = position;
        this.expected = expected;
    }

    /** Returns the 0-based character position of the problem. */
    public int position() {
        return position;
    }

    /** Returns what the grammar allows at {@link #position()}. */
    public String expected() {
        return expected;
    }
}
