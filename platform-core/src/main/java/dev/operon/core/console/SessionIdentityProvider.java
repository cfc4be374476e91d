package dev.operon.core.console;

import dev.operon.core.security.CurrentActor;
import dev.operon.core.security.Roles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Turns a console session into the operator's identity, reading the account on every request: a disabled account,
 * a changed role or a changed password takes effect at once, on every node.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

    /** Identity attribute: the console session's id, from which its CSRF token is derived. */
    static final String SESSION_ID = "operon.console.session";

    @Inject
    AgroalDataSource dataSource;

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return context.runBlocking(() -> identity(request.session()));
    }

    private SecurityIdentity identity(ConsoleSession session) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select role, enabled, password_hash from operator where username = ?")) {
            query.setString(1, session.username());
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(2) || !passwordMark(rs.getString(3)).equals(session.passwordMark())) {
                    return null;
                }
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(session.username()))
                        .addRoles(Roles.including(rs.getString(1)))
                        .addAttribute(CurrentActor.ACTOR_TYPE, "operator")
                        .addAttribute(SESSION_ID, session.id())
                        .build();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the operator of a console session: " + e.getMessage(), e);
        }
    }

    /** The password mark of an account as stored now, for a new session. */
    String currentMark(String username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select password_hash from operator where username = ?")) {
            query.setString(1, username);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("operator '" + username + "' vanished while signing in");
                }
                return passwordMark(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read an operator: " + e.getMessage(), e);
        }
    }

    /** A short fingerprint of a stored password hash: a new password ends the sessions signed in with the old. */
    static String passwordMark(String passwordHash) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
