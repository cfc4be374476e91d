package dev.operon.core.plugins;

import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in marketing plugin in a running server: admitted (migrations, configuration, declarations), its
 * operations served by the generic endpoint with validation as problem documents, its dispatcher scheduled.
 */
@QuarkusTest
class MarketingPluginServerTest {

    private static final String PLUGIN = "/api/v1/plugins/marketing";

    @Test
    @TestSecurity(user = "olga", roles = {"operator", "viewer"})
    void isActiveAndServesItsOperations() {
        List<Map<String, Object>> plugins = json().get("/api/v1/plugins").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, Object> marketing = plugins.stream().filter(p -> "marketing".equals(p.get("id"))).findFirst()
                .orElseThrow();
        assertThat(marketing).containsEntry("status", "active").doesNotContainKey("reason");

        json().body(Map.of()).post(PLUGIN + "/operations/list-campaigns").then().statusCode(200);
        json().body(Map.of("name", "bad", "channel", "sms", "schedule", "once"))
                .post(PLUGIN + "/operations/create-campaign").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("channel", "sendAt", "segmentId", "variants"));
        json().body(Map.of("id", 424242)).post(PLUGIN + "/operations/approve-campaign").then().statusCode(404)
                .contentType("application/problem+json");
        // the dispatch task type is offered (tests turn plugins' default schedules off, so no definition is made)
        json().get("/api/v1/task-types/marketing.dispatch").then().statusCode(200);
        // journeys (migration V2): served, validated, with their own clock
        json().body(Map.of()).post(PLUGIN + "/operations/list-journeys").then().statusCode(200);
        json().body(Map.of("name", "j", "steps", List.of(Map.of("id", "a", "type", "teleport"))))
                .post(PLUGIN + "/operations/create-journey").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("entryEvent", "steps[0].type"));
        json().get("/api/v1/task-types/marketing.journeys").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "olga", roles = {"operator", "viewer"})
    void aCampaignToASegmentTheBehaviourPluginDoesNotKnowIsRefused() {
        Map<String, Object> campaign = Map.of("name", "to nobody", "channel", "email", "schedule", "cron",
                "cron", "0 0 9 ? * MON", "segmentId", "987654321",
                "variants", List.of(Map.of("name", "A", "subject", "Hi", "text", "Hello {unsubscribeUrl}")));
        json().body(campaign).post(PLUGIN + "/operations/create-campaign").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("segmentId"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("no segment has the id \"987654321\""));
    }
}
