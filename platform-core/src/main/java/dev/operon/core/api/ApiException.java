package dev.operon.core.api;

import java.util.List;

/** An error the API reports as a problem document; thrown by services, mapped once by {@link ProblemMappers}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what, null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null);
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(422, "validation", "Invalid input", detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
