package dev.operon.core.security;

import dev.operon.core.api.TooManyRequestsException;
import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Checks an operator's user name and password (HTTP Basic): the failure limit first, then the cache of recent
 * verifications, then bcrypt. Audits a sign-in when the password was actually checked, never each cached request.
 * Blocking: runs on a worker thread.
 */
@ApplicationScoped
public class OperatorLogins {

    private static final Logger LOG = Logger.getLogger(OperatorLogins.class);
    private static final long DENIED_AUDIT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    @Inject
    OperatorService operators;

    @Inject
    PasswordHasher hasher;

    @Inject
    VerifiedLogins verifiedLogins;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditService audit;

    /** When each limited name was last audited as denied: under attack one record a minute, not one per try. */
    private final Map<String, Long> lastDeniedAudit = new ConcurrentHashMap<>();

    /**
     * Returns the operator's identity, or throws {@link AuthenticationFailedException} (bad credentials) or
     * {@link TooManyRequestsException} (too many recent failures for this name).
     */
    public SecurityIdentity login(String username, String password, String source, String requestId) {
        OptionalLong retryAfter = throttle.retryAfterSeconds(username);
        if (retryAfter.isPresent()) {
            auditDenied(username, source, requestId);
            throw new TooManyRequestsException("too many failed sign-ins for this user name; try again in "
                    + retryAfter.getAsLong() + " seconds", retryAfter.getAsLong());
        }
        Optional<OperatorService.Account> account = operators.account(username);
        String cacheKey = VerifiedLogins.key(username, password);
        if (account.isPresent() && account.get().enabled()
                && verifiedLogins.isVerified(cacheKey, account.get().passwordHash())) {
            return Identities.operator(username, account.get().role());
        }
        boolean matches = account.isPresent()
                ? hasher.verify(password, account.get().passwordHash())
                : hasher.verifyNobody(password);
        if (matches && account.get().enabled()) {
            verifiedLogins.remember(cacheKey, username, account.get().passwordHash());
            operators.recordLogin(username, source, requestId);
            return Identities.operator(username, account.get().role());
        }
        String reason = account.isEmpty() ? "unknown-user" : !matches ? "bad-password" : "disabled";
        recordFailure(username, account.isPresent(), reason, source, requestId);
        throw new AuthenticationFailedException();
    }

    private void recordFailure(String username, boolean known, String reason, String source, String requestId) {
        LOG.debugf("sign-in failed for '%s' from %s: %s", LoginThrottle.principal(username), source, reason);
        QuarkusTransaction.requiringNew().run(() -> {
            throttle.recordFailure(username, source);
            audit.record(loginEvent(username, known, AuditEvent.FAILURE, reason, source, requestId));
        });
    }

    private void auditDenied(String username, String source, String requestId) {
        String principal = LoginThrottle.principal(username);
        long now = System.nanoTime();
        Long last = lastDeniedAudit.get(principal);
        if (last != null && now - last < DENIED_AUDIT_EVERY_NANOS) {
            return;
        }
        lastDeniedAudit.put(principal, now);
        if (lastDeniedAudit.size() > 10_000) {
            lastDeniedAudit.values().removeIf(at -> now - at > DENIED_AUDIT_EVERY_NANOS);
        }
        boolean known = operators.account(username).isPresent();
        audit.record(loginEvent(username, known, AuditEvent.DENIED, "too-many-failures", source, requestId));
    }

    private static AuditEvent loginEvent(String username, boolean known, String outcome, String reason,
                                         String source, String requestId) {
        String principal = LoginThrottle.principal(username);
        Actor actor = known ? Actor.operator(principal) : new Actor(Actor.Type.ANONYMOUS, "anonymous");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("method", "basic");
        details.put("reason", reason);
        details.put("source", source == null ? "unknown" : source);
        if (!known) {
            details.put("username", principal);
        }
        return new AuditEvent(actor, "auth.login", OperatorService.target(principal), outcome, requestId, null, null,
                details);
    }
}
