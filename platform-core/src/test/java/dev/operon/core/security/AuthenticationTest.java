package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.operon.core.testing.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void firstStartAdminSignsInWithTheConfiguredPassword() {
        given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD)
                .get("/api/v1/me").then()
                .statusCode(200)
                .body("actorType", equalTo("operator"))
                .body("name", equalTo("admin"))
                .body("roles", containsInAnyOrder("admin", "operator", "viewer"));
    }

    @Test
    void wrongPasswordIs401ProblemWithChallenge() {
        String user = Accounts.operator("viewer");
        as(user, "not-the-password-at-all").get("/api/v1/me").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401))
                .body("type", equalTo("/problems/unauthorized"));
    }

    @Test
    void unknownUserIs401() {
        as(Accounts.unique("nobody"), PASSWORD).get("/api/v1/me").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void missingOrMalformedCredentialsAre401() {
        given().get("/api/v1/me").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"));
        given().header("Authorization", "Basic !!!not-base64").get("/api/v1/me").then().statusCode(401);
        given().header("Authorization", "Digest username=admin").get("/api/v1/me").then().statusCode(401);
        given().header("Authorization", "Bearer").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void operatorSeesOwnRoles() {
        String user = Accounts.operator("operator");
        as(user, PASSWORD).get("/api/v1/me").then()
                .statusCode(200)
                .body("name", equalTo(user))
                .body("actorType", equalTo("operator"))
                .body("roles", containsInAnyOrder("operator", "viewer"));
    }

    @Test
    void successIsAuditedOncePerVerificationAndFailuresEachTime() throws SQLException {
        String user = Accounts.operator("viewer");
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
        as(user, "wrong-password-123").get("/api/v1/me").then().statusCode(401);

        assertEquals(1, count("auth.login", user, "success"), "only the bcrypt check is audited, not cached calls");
        assertEquals(1, count("auth.login", user, "failure"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select actor_type, actor_id, details from audit_record where action = 'auth.login'"
                             + " and target = ? and outcome = 'failure'")) {
            q.setString(1, "operator:" + user);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("operator", rs.getString(1));
                assertEquals(user, rs.getString(2));
                assertEquals(true, rs.getString(3).contains("bad-password"), rs.getString(3));
            }
        }
    }

    @Test
    void unknownUserFailureIsAuditedAsAnonymous() throws SQLException {
        String ghost = Accounts.unique("ghost");
        as(ghost, PASSWORD).get("/api/v1/me").then().statusCode(401);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select actor_type, outcome from audit_record where action = 'auth.login' and target = ?")) {
            q.setString(1, "operator:" + ghost);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("anonymous", rs.getString(1));
                assertEquals("failure", rs.getString(2));
            }
        }
    }

    @Test
    void passwordChangeAndDisableTakeEffectAtOnceDespiteTheCache() {
        String user = Accounts.operator("viewer");
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
        String newPassword = "another-long-password-2";
        asAdmin().contentType(ContentType.JSON).body(Map.of("password", newPassword))
                .patch("/api/v1/operators/" + user).then().statusCode(200);
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(401);
        as(user, newPassword).get("/api/v1/me").then().statusCode(200);

        asAdmin().delete("/api/v1/operators/" + user).then().statusCode(204);
        as(user, newPassword).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void cacheHitStillSeesAPasswordChangedBehindItsBack() throws SQLException {
        // another node changing the password is a direct database change as far as this node knows
        String user = Accounts.operator("viewer");
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(200);
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("update operator set password_hash = ? where username = ?")) {
            u.setString(1, new PasswordHasher().hash("changed-elsewhere-123"));
            u.setString(2, user);
            u.executeUpdate();
        }
        as(user, PASSWORD).get("/api/v1/me").then().statusCode(401);
        as(user, "changed-elsewhere-123").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void signInAuditCarriesTheRequestId() throws SQLException {
        String user = Accounts.operator("viewer");
        String requestId = "req-" + Accounts.unique("login");
        as(user, "wrong-password-123").header("X-Request-Id", requestId).get("/api/v1/me").then()
                .statusCode(401).header("X-Request-Id", requestId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select request_id from audit_record where action = 'auth.login' and target = ?")) {
            q.setString(1, "operator:" + user);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(requestId, rs.getString(1));
            }
        }
    }

    private int count(String action, String user, String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select count(*) from audit_record where action = ? and target = ? and outcome = ?")) {
            q.setString(1, action);
            q.setString(2, "operator:" + user);
            q.setString(3, outcome);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
