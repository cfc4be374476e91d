package dev.operon.core.security;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /api/v1/operators/{username}}: absent fields stay as they are. */
public record OperatorChange(
        @Pattern(regexp = OperatorService.ROLE_PATTERN, message = OperatorService.ROLE_RULE)
        String role,
        Boolean enabled,
        @Size(min = PasswordPolicy.MIN_LENGTH, message = "must be at least 12 characters")
        String password) {

    @Override
    public String toString() {
        return "OperatorChange[role=" + role + ", enabled=" + enabled + ", password="
                + (password == null ? "unchanged" : "new") + "]";
    }
}
