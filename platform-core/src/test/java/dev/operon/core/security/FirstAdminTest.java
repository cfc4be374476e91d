package dev.operon.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.operon.core.testing.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FirstAdminTest {

    @Inject
    FirstAdmin firstAdmin;

    @Inject
    PasswordHasher hasher;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void startCreatedTheAdminWithTheConfiguredPasswordAndAuditedIt() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select role, enabled, password_hash from operator where username = 'admin'");
             ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next(), "admin exists");
            assertEquals("admin", rs.getString(1));
            assertTrue(rs.getBoolean(2));
            assertTrue(hasher.verify(PostgresResource.ADMIN_PASSWORD, rs.getString(3)));
        }
        assertEquals(1, adminCreations());
    }

    @Test
    void doesNothingWhenAnyOperatorExists() throws SQLException {
        assertEquals(Optional.empty(), firstAdmin.createIfNone(Optional.of("a-different-password-9")));
        assertEquals(Optional.empty(), firstAdmin.createIfNone(Optional.empty()));
        assertEquals(1, adminCreations(), "a restart or a second node creates nothing");
    }

    @Test
    void onAnEmptyDatabaseGeneratesAStrongPasswordOnce() throws SQLException {
        // an empty operator table inside a transaction that is rolled back: the shared database stays as it was
        QuarkusTransaction.begin();
        try {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement delete = c.prepareStatement("delete from operator")) {
                delete.executeUpdate();
            }
            FirstAdmin.Created created = firstAdmin.createIfNone(Optional.empty()).orElseThrow();
            String password = created.generatedPassword().orElseThrow();
            assertTrue(password.length() >= PasswordPolicy.MIN_LENGTH, password.length() + " characters");
            try (Connection c = dataSource.getConnection();
                 PreparedStatement q = c.prepareStatement(
                         "select role, password_hash from operator where username = 'admin'");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("admin", rs.getString(1));
                assertTrue(hasher.verify(password, rs.getString(2)));
            }
            try (Connection c = dataSource.getConnection();
                 PreparedStatement q = c.prepareStatement("select actor_type, details from audit_record"
                         + " where action = 'operator.create' and target = 'operator:admin' order by seq desc limit 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("system", rs.getString(1));
                assertTrue(rs.getString(2).contains("generated"), rs.getString(2));
                assertFalse(rs.getString(2).contains(password), "the generated password is not audited");
            }
            assertEquals(Optional.empty(), firstAdmin.createIfNone(Optional.empty()), "only once");
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aConfiguredPasswordMustMeetThePolicy() {
        QuarkusTransaction.begin();
        try {
            dev.operon.core.api.ApiException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.operon.core.api.ApiException.class, () -> firstAdmin.createIfNone(Optional.of("short")));
            assertEquals("operon.admin-password: must be at least 12 characters", e.getMessage());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private int adminCreations() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from audit_record where action ="
                     + " 'operator.create' and target = 'operator:admin' and actor_type = 'system'");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
