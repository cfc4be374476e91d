package dev.operon.sdk.operation;

/**
 * An error the caller of an operation should see, with an HTTP-like status: 400 bad input, 404 not found, 409
 * conflict, 422 invalid, 503 unavailable. The platform turns it into a problem document.
 */
public class OperationException extends RuntimeException {

    private final int status;

    public OperationException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        this.status = status;
    }

    public static OperationException notFound(String message) {
        return new OperationException(404, message);
    }

    public static OperationException invalid(String message) {
        return new OperationException(422, message);
    }

    public int status() {
        return status;
    }
}
