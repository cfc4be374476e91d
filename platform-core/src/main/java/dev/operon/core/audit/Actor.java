package dev.operon.core.audit;

import java.util.Objects;

/**
 * Who or what did something: an operator, an API key, the scheduler, a plugin or the platform itself.
 *
 * @param type kind of actor
 * @param id   operator user name, API key id, plugin id, or a fixed name for the scheduler and the system
 */
public record Actor(Type type, String id) {

    public static final Actor SCHEDULER = new Actor(Type.SCHEDULER, "scheduler");
    public static final Actor SYSTEM = new Actor(Type.SYSTEM, "system");

    public enum Type {
        OPERATOR, API_KEY, SCHEDULER, PLUGIN, SYSTEM, ANONYMOUS, CLI;

        public String wire() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Actor operator(String username) {
        return new Actor(Type.OPERATOR, username);
    }

    public static Actor apiKey(String keyId) {
        return new Actor(Type.API_KEY, keyId);
    }

    public static Actor cli(String user) {
        return new Actor(Type.CLI, user);
    }

    /** {@code type:id}, as stored in the {@code requested_by} and {@code created_by} columns. */
    @Override
    public String toString() {
        return type.wire() + ":" + id;
    }
}
