package dev.operon.core.security;

import java.util.Set;

/**
 * Operator roles, each including the ones below it: viewer reads, operator also runs and changes tasks, admin also
 * manages operators, keys and plugins. An identity carries every role its level includes, so endpoints name the
 * lowest role that may call them.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** Granted only by API keys with the {@code ingest} scope: event and metric ingestion, nothing else. */
    public static final String INGEST = "ingest";

    private Roles() {
    }

    /** The roles an operator of {@code role} holds. */
    public static Set<String> including(String role) {
        return switch (role) {
            case ADMIN -> Set.of(ADMIN, OPERATOR, VIEWER);
            case OPERATOR -> Set.of(OPERATOR, VIEWER);
            case VIEWER -> Set.of(VIEWER);
            default -> throw new IllegalArgumentException("unknown role: " + role);
        };
    }
}
