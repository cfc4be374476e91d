package dev.operon.core.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without credentials the audit endpoints answer 401 with a problem document (no test identity here). */
@QuarkusTest
class AuditAuthTest {

    @Test
    void everyAuditEndpointNeedsCredentials() {
        for (String path : new String[] {"/api/v1/audit", "/api/v1/audit/1", "/api/v1/audit/verify",
                "/api/v1/audit/export"}) {
            given().when().get(path).then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .body("status", equalTo(401));
        }
    }
}
