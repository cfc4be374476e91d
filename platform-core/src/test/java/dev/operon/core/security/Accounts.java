package dev.operon.core.security;

import static io.restassured.RestAssured.given;

import dev.operon.core.testing.PostgresResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test accounts and keys made through the API, with names unique to each call (test classes share a database). */
final class Accounts {

    static final String PASSWORD = "correct-horse-battery-9";

    private Accounts() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static RequestSpecification asAdmin() {
        return given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD);
    }

    static RequestSpecification as(String username, String password) {
        return given().auth().preemptive().basic(username, password);
    }

    static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    /** Creates an operator with {@link #PASSWORD}; returns the user name. */
    static String operator(String role) {
        String username = unique(role);
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", PASSWORD, "role", role))
                .post("/api/v1/operators").then().statusCode(201);
        return username;
    }

    /** Creates an API key; returns the key text. */
    static String key(String... scopes) {
        return asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", unique("key"), "scopes", List.of(scopes)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }
}
