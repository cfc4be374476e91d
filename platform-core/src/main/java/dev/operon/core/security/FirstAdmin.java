package dev.operon.core.security;

import dev.operon.core.audit.Actor;
import dev.operon.core.audit.AuditEvent;
import dev.operon.core.audit.AuditService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the {@code admin} operator when the database has no operator at all. Safe when several nodes start at
 * once: the insert does nothing when another node's insert of the same user name got there first.
 */
@ApplicationScoped
public class FirstAdmin {

    public static final String USERNAME = "admin";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditService audit;

    /**
     * The admin this call created.
     *
     * @param generatedPassword the password when it was generated (to show once), empty when it came from config
     */
    public record Created(String username, Optional<String> generatedPassword) {
        @Override
        public String toString() {
            return "Created[username=" + username + "]";
        }
    }

    /**
     * Creates the first admin with {@code configuredPassword}, or a generated one when that is empty. Returns empty
     * when operators already exist or another node created the admin concurrently.
     */
    @Transactional
    public Optional<Created> createIfNone(Optional<String> configuredPassword) {
        configuredPassword.ifPresent(p -> PasswordPolicy.check("operon.admin-password", p));
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement any = connection.prepareStatement("select exists (select 1 from operator)");
                 ResultSet rs = any.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            String password = configuredPassword.orElseGet(PasswordPolicy::generate);
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into operator (username, password_hash, role, enabled) values (?, ?, 'admin', true)
                    on conflict (username) do nothing""")) {
                insert.setString(1, USERNAME);
                insert.setString(2, hasher.hash(password));
                inserted = insert.executeUpdate();
            }
            if (inserted == 0) {
                return Optional.empty();
            }
            audit.record(AuditEvent.success(Actor.SYSTEM, "operator.create", OperatorService.target(USERNAME))
                    .withAfter(new OperatorView.AuditedState(USERNAME, Roles.ADMIN, true))
                    .withDetails(Map.of("reason", "first start", "from",
                            configuredPassword.isPresent() ? "configuration" : "generated")));
            return Optional.of(new Created(USERNAME,
                    configuredPassword.isPresent() ? Optional.empty() : Optional.of(password)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the first admin: " + e.getMessage(), e);
        }
    }
}
