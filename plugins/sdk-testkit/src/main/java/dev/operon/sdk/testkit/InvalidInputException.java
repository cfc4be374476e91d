package dev.operon.sdk.testkit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input given to a task or an operation would be refused by the platform (HTTP 422): an unknown field, a value
 * of the wrong type, or a Jakarta Validation constraint not met. The message names every invalid field.
 */
public class InvalidInputException extends IllegalArgumentException {

    private final List<FieldError> errors;

    public InvalidInputException(String target, List<FieldError> errors) {
        super("invalid input for " + target + ": "
                + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** Every invalid field, sorted by field path. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The fields named by {@link #errors()}. */
    public List<String> fields() {
        return errors.stream().map(FieldError::field).toList();
    }
}
