package dev.operon.sdk.testkit;

import dev.operon.sdk.operation.Operation;

/** The caller's role is below the operation's {@link Operation#role()}: the platform would answer 403. */
public class AccessDeniedException extends RuntimeException {

    private final Operation.Role required;
    private final Operation.Role given;

    public AccessDeniedException(String operation, Operation.Role required, Operation.Role given) {
        super("operation " + operation + " requires role " + name(required) + "; the caller has " + name(given));
        this.required = required;
        this.given = given;
    }

    public Operation.Role required() {
        return required;
    }

    public Operation.Role given() {
        return given;
    }

    private static String name(Operation.Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }
}
