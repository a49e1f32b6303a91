package io.twinkit.service;

import java.util.Objects;

/**
 * The client-side check of job and configuration ids. The service SDK puts an id into the request URL as it is,
 * without encoding, so an id that would change the URL's meaning is refused before anything is sent; what else an id
 * may hold is the hub's to decide (it answers 400).
 */
final class ResourceIds {

    /** The longest id accepted: IoT Hub's limit for configuration ids, and more than any job id it issues. */
    static final int MAX_LENGTH = 128;

    private ResourceIds() {
    }

    /**
     * Returns {@code id} if it can be put into a URL path segment as it is.
     *
     * @param what what the id names, for the message ({@code job id})
     * @param id the id
     * @return the id
     * @throws IllegalArgumentException if it is empty, longer than {@value #MAX_LENGTH} characters, or holds a
     *     whitespace or control character or one of {@code / \ ? # %}
     */
    static String check(String what, String id) {
        Objects.requireNonNull(id, what);
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " '" + id + "' must have 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "/\\?#%".indexOf(c) >= 0) {
                throw new IllegalArgumentException(what + " '" + id + "' holds '" + c + "' at index " + i
                        + ": whitespace, control characters and / \\ ? # % cannot be sent in a request URL");
            }
        }
        return id;
    }
}
