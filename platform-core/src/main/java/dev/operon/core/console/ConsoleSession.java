package dev.operon.core.console;

import java.util.Optional;

/**
 * What the session cookie holds, sealed: who signed in, the session's id (the CSRF token is derived from it), when it
 * began and when it was last used, and a fingerprint of the password hash at sign-in (a password change ends every
 * session of the account).
 */
record ConsoleSession(String username, String id, long startedAt, long lastSeenAt, String passwordMark) {

    String encode() {
        return String.join("\n", username, id, Long.toString(startedAt), Long.toString(lastSeenAt), passwordMark);
    }

    static Optional<ConsoleSession> decode(String text) {
        String[] parts = text.split("\n", -1);
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConsoleSession(parts[0], parts[1], Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), parts[4]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    ConsoleSession seenAt(long epochSecond) {
        return new ConsoleSession(username, id, startedAt, epochSecond, passwordMark);
    }
}
