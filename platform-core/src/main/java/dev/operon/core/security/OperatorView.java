package dev.operon.core.security;

import java.time.Instant;

/** An operator as the API shows it: never the password hash. */
public record OperatorView(String username, String role, boolean enabled, Instant createdAt, Instant lastLoginAt) {

    static OperatorView of(Operator operator) {
        return new OperatorView(operator.username, operator.role, operator.enabled, operator.createdAt,
                operator.lastLoginAt);
    }

    /** The audited state: what an admin can change, without timestamps that change on every sign-in. */
    AuditedState audited() {
        return new AuditedState(username, role, enabled);
    }

    /** Before/after value of operator audit records. */
    record AuditedState(String username, String role, boolean enabled) {
    }
}
