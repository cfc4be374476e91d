package dev.operon.core.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/operators}. */
public record NewOperator(
        @NotNull @Pattern(regexp = OperatorService.USERNAME_PATTERN, message = OperatorService.USERNAME_RULE)
        String username,
        @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, message = "must be at least 12 characters")
        String password,
        @NotNull @Pattern(regexp = OperatorService.ROLE_PATTERN, message = OperatorService.ROLE_RULE)
        String role) {

    /** Without the password, for logs and debuggers. */
    @Override
    public String toString() {
        return "NewOperator[username=" + username + ", role=" + role + "]";
    }
}
