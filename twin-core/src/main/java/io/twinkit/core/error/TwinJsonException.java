package io.twinkit.core.error;

/**
 * Thrown when JSON text is malformed, or well-formed but not the shape a twin needs. It carries the 1-based line
 * and column of the problem (when the problem is in the text) and the path of the offending member (when it is
 * in the shape). Nothing is built from input that raises it. Error code {@link IotHubErrorCode#IOT_HUB_FORMAT_ERROR}
 * (400006).
 */
public final class TwinJsonException extends TwinException {

    private static final long serialVersionUID = 1L;

    private final long line;
    private final long column;
    private final String path;

    /**
     * Creates an exception.
     *
     * @param message what is wrong
     * @param line the 1-based line, or {@code -1} when unknown
     * @param column the 1-based column, or {@code -1} when unknown
     * @param path the dotted path of the offending member, or {@code ""} for the document itself
     * @param cause the underlying parser exception, if any
     */
    public TwinJsonException(String message, long line, long column, String path, Throwable cause) {
        super(IotHubErrorCode.IOT_HUB_FORMAT_ERROR, describe(message, line, column, path), cause);
        this.line = line;
        this.column = column;
        this.path = path;
    }

    /**
     * Creates an exception for a shape problem at {@code path}, with no text location.
     *
     * @param message what is wrong
     * @param path the dotted path of the offending member
     */
    public TwinJsonException(String message, String path) {
        super(IotHubErrorCode.IOT_HUB_FORMAT_ERROR, describe(message, -1, -1, path));
        this.line = -1;
        this.column = -1;
        this.path = path;
    }

    private static String describe(String message, long line, long column, String path) {
        StringBuilder text = new StringBuilder(message);
        if (!path.isEmpty()) {
            text.append(" (at '").append(path).append("')");
        }
        if (line > 0) {
            text.append(" [line ").append(line).append(", column ").append(column).append(']');
        }
        return text.toString();
    }

    /** Returns the 1-based line of the problem, or {@code -1} when it is not a problem in the text. */
    public long line() {
        return line;
    }

    /** Returns the 1-based column of the problem, or {@code -1} when it is not a problem in the text. */
    public long column() {
        return column;
    }

    /** Returns the dotted path of the offending member, or {@code ""}. */
    public String path() {
        return path;
    }
}
