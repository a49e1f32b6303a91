package io.twinkit.emulator.internal.query;

import java.security.SecureRandom;

/**
 * The name of an open query cursor: 128 random bits, so that no one can guess the cursor of another query.
 *
 * @param high the high 64 bits
 * @param low the low 64 bits
 */
public record CursorId(long high, long low) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Returns a fresh random id. */
    public static CursorId random() {
        return new CursorId(RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** Returns the 32 hex digits of the id. */
    @Override
    public String toString() {
        return String.format("%016x%016x", high, low);
    }
}
