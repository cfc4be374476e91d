package dev.operon.core.console;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Per-session CSRF tokens: the HMAC of the session id, put in every console form as {@code _csrf} (and sent by
 * htmx as {@code X-CSRF-Token}) and checked on every console POST. The sign-in form, which has no session yet, is
 * bound the same way to a random nonce kept in a short-lived cookie.
 */
@ApplicationScoped
public class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    @Inject
    SessionKeys keys;

    /** The token of the identity's session, or null for an identity without one (an API caller). */
    public String token(SecurityIdentity identity) {
        String session = identity == null ? null : identity.getAttribute(SessionIdentityProvider.SESSION_ID);
        return session == null ? null : keys.sign("session|" + session);
    }

    /** Refuses (403) unless {@code submitted} is the token of the identity's session. */
    public void check(SecurityIdentity identity, String submitted) {
        String expected = token(identity);
        if (expected == null || !keys.matches(expected, submitted)) {
            throw new CsrfRefusedException();
        }
    }

    String loginToken(String nonce) {
        return keys.sign("login|" + nonce);
    }

    void checkLogin(String nonce, String submitted) {
        if (nonce == null || !keys.matches(loginToken(nonce), submitted)) {
            throw new CsrfRefusedException();
        }
    }

    /** A POST without the right token: answered 403 with a page that says to reload the form. */
    public static final class CsrfRefusedException extends ForbiddenException {
        CsrfRefusedException() {
            super("missing or wrong CSRF token");
        }
    }
}
