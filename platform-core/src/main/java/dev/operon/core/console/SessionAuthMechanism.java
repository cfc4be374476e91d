package dev.operon.core.console;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Signs console requests in from the session cookie. Requests under {@code /api/}, {@code /v1/} and {@code /q/}
 * ignore the cookie entirely, so the API keeps accepting only {@code Authorization} headers (and cannot be driven
 * cross-site by a browser's cookie). A request with an {@code Authorization} header is left to the API mechanism.
 * Never challenges: the console's pages send anonymous visitors to the sign-in page themselves.
 */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {

    static final String COOKIE = "operon_session";
    /** Renew the cookie (sliding expiry) at most this often. */
    private static final long RENEW_AFTER_SECONDS = 60;

    @Inject
    SessionKeys keys;

    @Inject
    ConsoleConfig config;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager manager) {
        if (!ConsolePaths.isConsole(context.normalizedPath())
                || context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        Optional<ConsoleSession> session = read(cookie.getValue());
        if (session.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        ConsoleSession current = session.get();
        return manager.authenticate(new SessionAuthenticationRequest(current))
                .onItem().invoke(identity -> {
                    long now = Instant.now().getEpochSecond();
                    if (identity != null && now - current.lastSeenAt() >= RENEW_AFTER_SECONDS) {
                        context.response().addCookie(cookie(current.seenAt(now)));
                    }
                })
                .onFailure().recoverWithNull();
    }

    /** The session in a cookie value, when it opens and has neither been idle too long nor lived too long. */
    Optional<ConsoleSession> read(String value) {
        long now = Instant.now().getEpochSecond();
        return keys.open(value).flatMap(ConsoleSession::decode)
                .filter(s -> now - s.lastSeenAt() <= config.sessionTimeout().toSeconds())
                .filter(s -> now - s.startedAt() <= config.sessionMaxAge().toSeconds());
    }

    Cookie cookie(ConsoleSession session) {
        return ConsoleCookies.strict(COOKIE, keys.seal(session.encode()), config.secureCookies())
                .setMaxAge(config.sessionTimeout().toSeconds());
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // after the API's header mechanism
        return DEFAULT_PRIORITY - 100;
    }
}
