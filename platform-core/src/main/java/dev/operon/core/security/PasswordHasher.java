package dev.operon.core.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt (cost 12) through Bouncy Castle; see {@code docs/adr/0003-password-hashing.md}. Hashes are the standard
 * {@code $2y$12$...} strings, which carry their own salt and cost.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int COST = 12;

    /**
     * Verified against when the user does not exist, so that unknown and known names take the same time. Made some
     * seconds after start (or by the first sign-in of an unknown name, if sooner): one bcrypt at cost 12 in a cold
     * JVM was a sixth of the start-up's main-thread CPU.
     */
    private volatile String decoy;

    @PostConstruct
    void makeDecoyLater() {
        CompletableFuture.runAsync(this::decoy, CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS));
    }

    public String hash(String password) {
        return OpenBSDBCrypt.generate(password.toCharArray(), Secrets.randomBytes(16), COST);
    }

    public boolean verify(String password, String hash) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException e) {
            // a malformed stored hash (for example one set by hand) matches nothing
            return false;
        }
    }

    /** Spends the time of one verification and fails. */
    public boolean verifyNobody(String password) {
        verify(password, decoy());
        return false;
    }

    private String decoy() {
        String made = decoy;
        if (made == null) {
            synchronized (this) {
                if (decoy == null) {
                    decoy = hash(Secrets.newPassword());
                }
                made = decoy;
            }
        }
        return made;
    }
}
