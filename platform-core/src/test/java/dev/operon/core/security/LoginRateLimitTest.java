package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginRateLimitTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fiveFailuresLockTheNameEvenForTheRightPassword() throws SQLException {
        String user = Accounts.operator("viewer");
        for (int i = 0; i < 5; i++) {
            as(user, "wrong-password-" + i).get("/api/v1/me").then().statusCode(401);
        }
        Response limited = as(user, "wrong-password-x").get("/api/v1/me");
        limited.then().statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", equalTo("/problems/too-many-requests"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);

        as(user, PASSWORD).get("/api/v1/me").then().statusCode(429);

        assertEquals(5, failures(user), "refused attempts are not counted as failures");
        assertEquals(1, audits(user, "denied"), "one denied record per minute per name, not one per try");
    }

    @Test
    void theLimitIsPerUserName() {
        String attacked = Accounts.operator("viewer");
        String other = Accounts.operator("viewer");
        for (int i = 0; i < 5; i++) {
            as(attacked, "wrong-password-" + i).get("/api/v1/me").then().statusCode(401);
        }
        as(attacked, PASSWORD).get("/api/v1/me").then().statusCode(429);
        as(other, PASSWORD).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void fourFailuresDoNotLock() {
        String user = Accounts.operator("viewer");
        for (int i = 0; i < 4; i++) {
            as(user, "wrong-password-" + i).get("/api/v1/me").then().statusCode(401);
        }
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws SQLException {
        String user = Accounts.operator("viewer");
        for (int i = 0; i < 5; i++) {
            as(user, "wrong-password-" + i).get("/api/v1/me").then().statusCode(401);
        }
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(429);
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement(
                     "update login_failure set at = at - interval '16 minutes' where principal = ?")) {
            u.setString(1, user);
            u.executeUpdate();
        }
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void unknownNamesAreLimitedToo() throws SQLException {
        String ghost = Accounts.unique("ghost");
        for (int i = 0; i < 5; i++) {
            as(ghost, "wrong-password-" + i).get("/api/v1/me").then().statusCode(401);
        }
        as(ghost, "wrong-password-x").get("/api/v1/me").then().statusCode(429);
        assertEquals(5, failures(ghost));
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select source from login_failure where principal = ?")) {
            q.setString(1, ghost);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertTrue(rs.getString(1) != null && !rs.getString(1).isBlank(), "source address recorded");
            }
        }
    }

    private int failures(String principal) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from login_failure where principal = ?")) {
            q.setString(1, principal);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int audits(String user, String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select count(*) from audit_record where action = 'auth.login' and target = ? and outcome = ?")) {
            q.setString(1, "operator:" + user);
            q.setString(2, outcome);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
