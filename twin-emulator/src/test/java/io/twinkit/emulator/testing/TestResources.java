package io.twinkit.emulator.testing;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test opened, closed in one go after it: connections first (newest first), then the servers they reach. */
public final class TestResources implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** Keeps {@code closeable} (a connection) to be closed before everything kept so far; returns it. */
    public <T extends AutoCloseable> T keep(T closeable) {
        open.addFirst(closeable);
        return closeable;
    }

    /** Keeps {@code closeable} (a server) to be closed after everything kept so far; returns it. */
    public <T extends AutoCloseable> T keepUntilLast(T closeable) {
        open.addLast(closeable);
        return closeable;
    }

    /** Closes everything kept, in the order above, and forgets it. */
    @Override
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.removeFirst().close();
        }
    }
}
