package dev.operon.core.security;

import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.asAdmin;
import static dev.operon.core.security.Accounts.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Passwords and key secrets go through every audited path, then are searched for in every stored column. */
@QuarkusTest
class SecretsNotStoredTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noPasswordOrKeySecretReachesTheAuditLogOrFailureTable() throws SQLException {
        String password = "First-" + UUID.randomUUID();
        String wrong = "Wrong-" + UUID.randomUUID();
        String changed = "Second-" + UUID.randomUUID();
        String username = Accounts.unique("secret");

        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", "operator"))
                .post("/api/v1/operators").then().statusCode(201);
        as(username, password).get("/api/v1/me").then().statusCode(200);
        as(username, wrong).get("/api/v1/me").then().statusCode(401);
        asAdmin().contentType(ContentType.JSON).body(Map.of("password", changed))
                .patch("/api/v1/operators/" + username).then().statusCode(200);
        as(username, changed).get("/api/v1/me").then().statusCode(200);

        String key = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", Accounts.unique("k"), "scopes", List.of("admin")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        String keyId = key.split("_")[1];
        String secret = key.split("_")[2];
        withKey(key).get("/api/v1/me").then().statusCode(200);
        withKey(key).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .patch("/api/v1/operators/" + username).then().statusCode(200);
        asAdmin().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        withKey(key).get("/api/v1/me").then().statusCode(401);

        assertTrue(auditRecordsAbout(username) >= 5, "the paths above were audited");
        for (String text : List.of(password, wrong, changed, secret)) {
            assertEquals(0, occurrences("audit_record", text), "audit_record holds " + text);
            assertEquals(0, occurrences("login_failure", text), "login_failure holds " + text);
            assertEquals(0, occurrences("operator", text), "operator holds " + text);
            assertEquals(0, occurrences("api_key", text), "api_key holds " + text);
        }
    }

    private int occurrences(String table, String text) throws SQLException {
        // the whole row as text, every column at once
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select count(*) from " + table + " t where position(? in t::text) > 0")) {
            q.setString(1, text);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int auditRecordsAbout(String username) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from audit_record where target = ?")) {
            q.setString(1, "operator:" + username);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
