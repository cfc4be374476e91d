package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.asAdmin;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperatorResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void createThenListAndGet() {
        String username = Accounts.unique("new");
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", "operator"))
                .post("/api/v1/operators").then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/operators/" + username))
                .body("username", equalTo(username))
                .body("role", equalTo("operator"))
                .body("enabled", equalTo(true))
                .body("password", nullValue())
                .body("passwordHash", nullValue());
        asAdmin().get("/api/v1/operators").then().statusCode(200).body("username", hasItem(username));
        asAdmin().get("/api/v1/operators/" + username).then().statusCode(200).body("role", equalTo("operator"));
    }

    @Test
    void duplicateUsernameIs409() {
        String username = Accounts.operator("viewer");
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", "viewer"))
                .post("/api/v1/operators").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void badInputIs422WithTheFieldsNamed() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", "Bad Name!", "password", "short", "role", "root"))
                .post("/api/v1/operators").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("password", "role", "username"));
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", Accounts.unique("x"), "password", "ä".repeat(40), "role", "viewer"))
                .post("/api/v1/operators").then()
                .statusCode(422)
                .body("errors[0].field", equalTo("password"))
                .body("errors[0].message", equalTo("must be at most 72 bytes in UTF-8"));
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", Accounts.unique("x"), "password", "eleven-char", "role", "viewer"))
                .post("/api/v1/operators").then()
                .statusCode(422)
                .body("errors[0].message", equalTo("must be at least 12 characters"));
    }

    @Test
    void patchChangesRoleAndIsAudited() throws SQLException {
        String username = Accounts.operator("viewer");
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "operator"))
                .patch("/api/v1/operators/" + username).then().statusCode(200).body("role", equalTo("operator"));
        as(username, PASSWORD).get("/api/v1/me").then().body("roles", containsInAnyOrder("operator", "viewer"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("role", "superuser"))
                .patch("/api/v1/operators/" + username).then().statusCode(422)
                .body("errors[0].field", equalTo("role"));

        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select action, actor_type, actor_id, before, after, details,"
                     + " request_id from audit_record where target = ? and action like 'operator.%' order by seq")) {
            q.setString(1, "operator:" + username);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals("operator.create", rs.getString(1));
                rs.next();
                assertEquals("operator.update", rs.getString(1));
                assertEquals("operator", rs.getString(2));
                assertEquals("admin", rs.getString(3));
                assertTrue(rs.getString(4).contains("\"role\":\"viewer\""), rs.getString(4));
                assertTrue(rs.getString(5).contains("\"role\":\"operator\""), rs.getString(5));
                assertTrue(rs.getString(6).contains("role"), rs.getString(6));
                assertTrue(rs.getString(7) != null, "request id recorded");
            }
        }
    }

    @Test
    void unknownOperatorIs404() {
        asAdmin().get("/api/v1/operators/no-such-user").then().statusCode(404).contentType("application/problem+json");
        asAdmin().contentType(ContentType.JSON).body(Map.of("enabled", false))
                .patch("/api/v1/operators/no-such-user").then().statusCode(404);
        asAdmin().delete("/api/v1/operators/no-such-user").then().statusCode(404);
    }

    @Test
    void deleteDisablesAndEnableRestores() {
        String username = Accounts.operator("viewer");
        asAdmin().delete("/api/v1/operators/" + username).then().statusCode(204);
        asAdmin().get("/api/v1/operators/" + username).then().body("enabled", equalTo(false));
        as(username, PASSWORD).get("/api/v1/me").then().statusCode(401);
        asAdmin().contentType(ContentType.JSON).body(Map.of("enabled", true))
                .patch("/api/v1/operators/" + username).then().statusCode(200).body("enabled", equalTo(true));
        as(username, PASSWORD).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledOrDemoted() throws SQLException {
        String last = Accounts.operator("admin");
        List<String> disabled = new ArrayList<>();
        try {
            // leave `last` as the only enabled admin, then put everyone back
            try (Connection c = dataSource.getConnection();
                 PreparedStatement u = c.prepareStatement("update operator set enabled = false where role = 'admin'"
                         + " and enabled and username <> ? returning username")) {
                u.setString(1, last);
                try (ResultSet rs = u.executeQuery()) {
                    while (rs.next()) {
                        disabled.add(rs.getString(1));
                    }
                }
            }
            as(last, PASSWORD).delete("/api/v1/operators/" + last).then().statusCode(409)
                    .contentType("application/problem+json");
            as(last, PASSWORD).contentType(ContentType.JSON).body(Map.of("role", "operator"))
                    .patch("/api/v1/operators/" + last).then().statusCode(409);
            as(last, PASSWORD).contentType(ContentType.JSON).body(Map.of("enabled", false))
                    .patch("/api/v1/operators/" + last).then().statusCode(409);
            as(last, PASSWORD).get("/api/v1/me").then().statusCode(200).body("roles", hasItem("admin"));
        } finally {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement u = c.prepareStatement(
                         "update operator set enabled = true where username = any (?)")) {
                Array names = c.createArrayOf("text", disabled.toArray());
                u.setArray(1, names);
                u.executeUpdate();
            }
        }
        asAdmin().delete("/api/v1/operators/" + last).then().statusCode(204);
    }
}
