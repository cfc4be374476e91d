package dev.operon.core.security;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do; each scope grants a fixed set of roles. */
public enum Scope {
    /** Send events and metrics, nothing else. */
    INGEST(Set.of(Roles.INGEST)),
    /** Read like a viewer. */
    READ(Roles.including(Roles.VIEWER)),
    /** Run and change tasks like an operator. */
    OPERATE(Roles.including(Roles.OPERATOR)),
    /** Everything an admin may do. */
    ADMIN(Roles.including(Roles.ADMIN));

    private final Set<String> roles;

    Scope(Set<String> roles) {
        this.roles = roles;
    }

    public Set<String> roles() {
        return roles;
    }

    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Scope> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }

    /** Parses the stored form, a comma-separated list of scope names. */
    static java.util.List<Scope> listOf(String stored) {
        return Arrays.stream(stored.split(",")).map(s -> fromWire(s).orElseThrow(
                () -> new IllegalStateException("unknown stored scope '" + s + "'"))).toList();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Scope::wire).collect(Collectors.joining(", "));
    }
}
