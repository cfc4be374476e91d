package dev.operon.core.console;

import dev.operon.core.api.Problem;
import jakarta.validation.ConstraintViolation;

/** Bean Validation violations as the field errors of a problem document. */
final class SchemaFormErrors {

    private SchemaFormErrors() {
    }

    static Problem.FieldError of(ConstraintViolation<?> violation) {
        return new Problem.FieldError(violation.getPropertyPath().toString(), violation.getMessage());
    }
}
