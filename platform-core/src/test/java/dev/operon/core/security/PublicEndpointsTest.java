package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.asAdmin;
import static dev.operon.core.security.Accounts.withKey;
import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What is reachable without credentials, and that a new endpoint is not among it by accident. */
@QuarkusTest
class PublicEndpointsTest {

    @Test
    void anEndpointWithoutAnnotationsIsDeniedEvenToAdmins() {
        given().get("/api/v1/test-only/unannotated").then().statusCode(401)
                .contentType("application/problem+json");
        asAdmin().get("/api/v1/test-only/unannotated").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void healthAndApiDocumentsArePublic() {
        given().get("/q/health").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theApiDocumentNamesTheBuildThatServesIt() {
        // stamped per request by NodeDocumentFilter, in both formats
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("'x-operon-build'", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()))
                .body("paths.'/api/v1/tasks'", org.hamcrest.Matchers.notNullValue());
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("x-operon-build:"));
    }

    @Test
    void metricsNeedAViewer() {
        given().get("/q/metrics").then().statusCode(401);
        as(Accounts.operator("viewer"), PASSWORD).get("/q/metrics").then().statusCode(200);
        withKey(Accounts.key("read")).get("/q/metrics").then().statusCode(200);
        withKey(Accounts.key("ingest")).get("/q/metrics").then().statusCode(403);
    }
}
