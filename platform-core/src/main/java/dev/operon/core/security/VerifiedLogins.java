package dev.operon.core.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operator credentials whose bcrypt check succeeded recently, so that HTTP Basic, which sends the password with
 * every request, costs one hash per few minutes instead of one per call.
 *
 * <p>Entries are keyed by SHA-256 of user name and password (the password itself is never kept) and remember the
 * stored hash they were checked against: a hit counts only while the database still holds that same hash, so a
 * password changed on another node invalidates this node's entry at once. Local changes also drop entries eagerly.
 */
@ApplicationScoped
public class VerifiedLogins {

    private static final int SWEEP_ABOVE = 1_000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    SecurityConfig config;

    static String key(String username, String password) {
        // the NUL separator keeps ("ab", "c") and ("a", "bc") apart; neither part can contain it in a Basic header
        return HexFormat.of().formatHex(Secrets.sha256(username + '\0' + password));
    }

    /** True when this credential was verified against {@code storedHash} within the time to live. */
    boolean isVerified(String key, String storedHash) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        if (entry.expiresAtNanos - System.nanoTime() < 0) {
            entries.remove(key, entry);
            return false;
        }
        return entry.storedHash.equals(storedHash);
    }

    void remember(String key, String username, String storedHash) {
        if (entries.size() > SWEEP_ABOVE) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> e.expiresAtNanos - now < 0);
        }
        entries.put(key, new Entry(username, storedHash, System.nanoTime() + ttl().toNanos()));
    }

    /** Forgets every remembered credential of {@code username}: after a password change, a disable, a role change. */
    public void invalidate(String username) {
        entries.values().removeIf(e -> e.username.equals(username));
    }

    private Duration ttl() {
        return config.loginCacheTtl();
    }

    private record Entry(String username, String storedHash, long expiresAtNanos) {
    }
}
