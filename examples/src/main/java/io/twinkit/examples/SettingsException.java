package io.twinkit.examples;

/** The environment does not say where to connect, or says it in a way an example program cannot use. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public SettingsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong and how to fix it
     * @param cause the underlying error
     */
    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
