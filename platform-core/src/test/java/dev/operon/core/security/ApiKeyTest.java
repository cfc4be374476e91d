package dev.operon.core.security;

import static dev.operon.core.security.Accounts.asAdmin;
import static dev.operon.core.security.Accounts.withKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createdKeyIsShownOnceAndWorksAsBearer() throws SQLException {
        String name = Accounts.unique("ci");
        Response created = asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", name, "scopes", List.of("read", "operate")))
                .post("/api/v1/api-keys");
        created.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("key", matchesPattern("opk_[0-9a-f]{12}_[0-9a-f]{64}"))
                .body("scopes", containsInAnyOrder("read", "operate"));
        String key = created.path("key");
        String keyId = created.path("keyId");

        withKey(key).get("/api/v1/me").then().statusCode(200)
                .body("actorType", equalTo("api-key"))
                .body("name", equalTo(keyId))
                .body("scopes", containsInAnyOrder("read", "operate"))
                .body("roles", containsInAnyOrder("operator", "viewer"));

        String listed = asAdmin().get("/api/v1/api-keys").then().statusCode(200)
                .body("keyId", hasItem(keyId)).extract().asString();
        assertFalse(listed.contains(key.substring(key.lastIndexOf('_') + 1)), "the secret is never listed");
        asAdmin().get("/api/v1/api-keys/" + keyId).then().statusCode(200)
                .body("name", equalTo(name)).body("key", nullValue()).body("lastUsedAt", notNullValue());

        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement(
                     "select secret_hash, last_used_at from api_key where key_id = ?")) {
            q.setString(1, keyId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(Secrets.sha256Hex(key.substring(key.lastIndexOf('_') + 1)), rs.getString(1));
                assertNotNull(rs.getObject(2), "last_used_at is set on first use");
            }
        }
    }

    @Test
    void wrongUnknownOrMalformedKeysAre401() {
        String key = Accounts.key("read");
        String wrongSecret = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0");
        withKey(wrongSecret).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        withKey("opk_000000000000_" + "0".repeat(64)).get("/api/v1/me").then().statusCode(401);
        withKey("not-a-key").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void revokedKeyIs401AndRevokingTwiceIsHarmless() {
        String key = Accounts.key("admin");
        String keyId = key.split("_")[1];
        withKey(key).get("/api/v1/me").then().statusCode(200);
        asAdmin().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        withKey(key).get("/api/v1/me").then().statusCode(401);
        asAdmin().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        asAdmin().get("/api/v1/api-keys/" + keyId).then().statusCode(200).body("revokedAt", notNullValue());
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        asAdmin().delete("/api/v1/api-keys/ffffffffffff").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void readKeyCannotCreateKeys() {
        String key = Accounts.key("read");
        withKey(key).contentType(ContentType.JSON).body(Map.of("name", "x", "scopes", List.of("admin")))
                .post("/api/v1/api-keys").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void ingestKeyMayAskWhoItIsButReadNothingElse() {
        String key = Accounts.key("ingest");
        withKey(key).get("/api/v1/me").then().statusCode(200).body("roles", equalTo(List.of("ingest")));
        withKey(key).get("/api/v1/operators").then().statusCode(403);
        withKey(key).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void keyAsBasicUserNameWithEmptyPasswordIsAccepted() {
        String key = Accounts.key("ingest");
        given().auth().preemptive().basic(key, "").get("/api/v1/me").then().statusCode(200)
                .body("actorType", equalTo("api-key"));
    }

    @Test
    void adminScopedKeyCanManageKeys() {
        String key = Accounts.key("admin");
        String created = withKey(key).contentType(ContentType.JSON)
                .body(Map.of("name", Accounts.unique("by-key"), "scopes", List.of("ingest")))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("keyId");
        asAdmin().get("/api/v1/api-keys/" + created).then().statusCode(200)
                .body("createdBy", equalTo("api-key:" + key.split("_")[1]));
    }

    @Test
    void badInputIs422WithFields() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "", "scopes", List.of()))
                .post("/api/v1/api-keys").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "scopes"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("name", "k", "scopes", List.of("read", "root")))
                .post("/api/v1/api-keys").then().statusCode(422)
                .body("errors.field", equalTo(List.of("scopes[1]")));
        asAdmin().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/api-keys").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("name", "scopes"));
    }

    @Test
    void keyChangesAreAudited() throws SQLException {
        String key = Accounts.key("operate");
        String keyId = key.split("_")[1];
        asAdmin().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select action, actor_type, actor_id, after from audit_record"
                     + " where target = ? order by seq")) {
            q.setString(1, "api-key:" + keyId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("api-key.create", rs.getString(1));
                assertEquals("operator", rs.getString(2));
                assertEquals("admin", rs.getString(3));
                assertEquals(true, rs.getString(4).contains("\"operate\""), rs.getString(4));
                rs.next();
                assertEquals("api-key.revoke", rs.getString(1));
                assertEquals(true, rs.getString(4).contains("\"revoked\":true"), rs.getString(4));
                assertFalse(rs.next(), "revoking twice is not audited twice");
            }
        }
    }
}
