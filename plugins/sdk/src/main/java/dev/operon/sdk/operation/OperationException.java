package dev.operon.sdk.operation;

import java.util.List;
import java.util.Objects;

/**
 * An error the caller of an operation should see, with an HTTP-like status: 400 bad input, 404 not found, 409
 * conflict, 422 invalid, 503 unavailable. The platform turns it into a problem document; for invalid input it may
 * name each bad part of the input ({@link #errors()}), which the problem document lists under {@code errors}.
 */
public class OperationException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public OperationException(int status, String message) {
        this(status, message, List.of());
    }

    /**
     * An error naming the parts of the input that are wrong (since SDK 1.1).
     *
     * @param errors one entry per bad part of the input; may be empty
     */
    public OperationException(int status, String message, List<FieldError> errors) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static OperationException notFound(String message) {
        return new OperationException(404, message);
    }

    public static OperationException invalid(String message) {
        return new OperationException(422, message);
    }

    /**
     * A 422 naming each invalid part of the input (since SDK 1.1); the message summarises them.
     *
     * @param errors at least one
     */
    public static OperationException invalid(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("at least one error is needed");
        }
        String message = errors.size() == 1 ? errors.get(0).toString() : errors.size() + " parts of the input are invalid";
        return new OperationException(422, message, errors);
    }

    public int status() {
        return status;
    }

    /** The invalid parts of the input, empty when the error names none (since SDK 1.1). */
    public List<FieldError> errors() {
        return errors;
    }

    /**
     * One invalid part of an operation's input.
     *
     * @param field   its JSON path in the input, such as {@code rule.all[0].count.gte}; {@code ""} for the whole input
     * @param message what is wrong and what was expected
     */
    public record FieldError(String field, String message) {

        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return field.isEmpty() ? message : field + ": " + message;
        }
    }
}
