package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.withKey;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Who may call which security endpoint: operators by role, API keys by scope, and nobody. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private String viewer;
    private String operator;
    private String admin;
    private String readKey;
    private String operateKey;
    private String ingestKey;
    private String adminKey;

    /** Once per class, but after Quarkus has started (a {@code @BeforeAll} runs before RestAssured knows the port). */
    @BeforeEach
    void accounts() {
        if (viewer != null) {
            return;
        }
        viewer = Accounts.operator("viewer");
        operator = Accounts.operator("operator");
        admin = Accounts.operator("admin");
        readKey = Accounts.key("read");
        operateKey = Accounts.key("operate");
        ingestKey = Accounts.key("ingest");
        adminKey = Accounts.key("admin");
    }

    private record Caller(String name, Supplier<RequestSpecification> request, boolean isAdmin) {
    }

    private List<Caller> callers() {
        return List.of(
                new Caller("anonymous", io.restassured.RestAssured::given, false),
                new Caller("viewer", () -> as(viewer, PASSWORD), false),
                new Caller("operator", () -> as(operator, PASSWORD), false),
                new Caller("admin", () -> as(admin, PASSWORD), true),
                new Caller("read key", () -> withKey(readKey), false),
                new Caller("operate key", () -> withKey(operateKey), false),
                new Caller("ingest key", () -> withKey(ingestKey), false),
                new Caller("admin key", () -> withKey(adminKey), true));
    }

    private static int expected(Caller caller, int allowed) {
        if (caller.name().equals("anonymous")) {
            return 401;
        }
        return caller.isAdmin() ? allowed : 403;
    }

    @Test
    void everyoneAuthenticatedMayAskWhoTheyAre() {
        for (Caller caller : callers()) {
            caller.request().get().get("/api/v1/me").then()
                    .statusCode(caller.name().equals("anonymous") ? 401 : 200);
        }
    }

    @Test
    void onlyAdminsListOperatorsAndKeys() {
        for (Caller caller : callers()) {
            caller.request().get().get("/api/v1/operators").then().statusCode(expected(caller, 200));
            caller.request().get().get("/api/v1/api-keys").then().statusCode(expected(caller, 200));
        }
    }

    @Test
    void onlyAdminsCreateOperatorsAndKeys() {
        for (Caller caller : callers()) {
            caller.request().get().contentType(ContentType.JSON)
                    .body(Map.of("username", Accounts.unique("m"), "password", PASSWORD, "role", "viewer"))
                    .post("/api/v1/operators").then().statusCode(expected(caller, 201));
            caller.request().get().contentType(ContentType.JSON)
                    .body(Map.of("name", Accounts.unique("m"), "scopes", List.of("read")))
                    .post("/api/v1/api-keys").then().statusCode(expected(caller, 201));
        }
    }

    @Test
    void onlyAdminsChangeOrDisableOperatorsAndRevokeKeys() {
        for (Caller caller : callers()) {
            String target = Accounts.operator("viewer");
            caller.request().get().contentType(ContentType.JSON).body(Map.of("role", "operator"))
                    .patch("/api/v1/operators/" + target).then().statusCode(expected(caller, 200));
            caller.request().get().delete("/api/v1/operators/" + target).then().statusCode(expected(caller, 204));
            String keyId = Accounts.key("read").split("_")[1];
            caller.request().get().delete("/api/v1/api-keys/" + keyId).then().statusCode(expected(caller, 204));
        }
    }

    @Test
    void forbiddenIsAProblemDocument() {
        as(viewer, PASSWORD).get("/api/v1/operators").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/operators").then().statusCode(401).contentType("application/problem+json");
    }
}
