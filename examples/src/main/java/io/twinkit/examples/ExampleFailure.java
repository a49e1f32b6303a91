package io.twinkit.examples;

/** A step of an example program did not see what it expected; the message says what it saw instead. */
public final class ExampleFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a failure.
     *
     * @param message what was expected and what was seen
     */
    public ExampleFailure(String message) {
        super(message);
    }
}
