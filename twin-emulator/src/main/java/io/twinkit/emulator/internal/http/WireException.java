package io.twinkit.emulator.internal.http;

/**
 * A failure of the HTTP exchange itself rather than of a hub operation: a malformed request, a path the service does
 * not serve, a method a resource does not take. It carries the status and the service's error code, which for these
 * generic failures is the three-digit status itself (the service SDKs know 400, 404 and so on as codes of their own).
 */
final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    WireException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    static WireException badRequest(String message) {
        return new WireException(400, 400, message);
    }

    static WireException notFound(String message) {
        return new WireException(404, 404, message);
    }

    static WireException methodNotAllowed(String message) {
        return new WireException(405, 405, message);
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }
}
