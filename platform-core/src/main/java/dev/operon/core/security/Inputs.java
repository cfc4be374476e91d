package dev.operon.core.security;

import dev.operon.core.api.ApiException;
import dev.operon.core.api.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates request records inside the services, so that the CLI (which has no JAX-RS layer) gets the same 422
 * field list as the API.
 */
final class Inputs {

    private Inputs() {
    }

    static <T> T valid(Validator validator, T input, String what) {
        if (input == null) {
            throw ApiException.invalid("body", what + " is required");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .toList();
            throw ApiException.invalid(errors);
        }
        return input;
    }
}
