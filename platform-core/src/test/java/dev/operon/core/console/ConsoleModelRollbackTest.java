package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.testing.Api;
import io.restassured.http.ContentType;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The models page rolls back as the API does: to the previous champion or to any version older than the champion,
 * each with a reason, a confirmation and a {@code model.rollback} audit record; and offers no rollback where there is
 * nothing to go back to.
 */
@QuarkusTest
class ConsoleModelRollbackTest {

    private static final String TYPE = "test-kit.console";

    @Test
    void anAdminRollsBackToAnOlderVersionWithAReasonAndAnAuditRecord() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        train(Map.of("slope", 2.0, "intercept", 1.0, "noise", 0.5));
        // one champion and nothing before it: no rollback offered
        String single = admin.page("/models/" + TYPE);
        assertThat(single).doesNotContain("id=\"rollback\"").doesNotContain("/rollback\"");

        train(Map.of("slope", -1.0, "intercept", 0.0, "noise", 0.05));
        assertThat(stage(1)).isEqualTo("archived");
        assertThat(stage(2)).isEqualTo("champion");
        String page = admin.page("/models/" + TYPE);
        assertThat(page).contains("action=\"/models/" + TYPE + "/rollback\"")
                .contains("Roll back to v1, the previous champion")
                .contains("action=\"/models/" + TYPE + "/versions/1/rollback\"")
                .contains("data-confirm=\"Roll back to version 1?");

        assertThat(admin.post("/models/" + TYPE + "/versions/1/rollback", Map.of("reason", " ")).statusCode())
                .isEqualTo(422);
        Response done = admin.post("/models/" + TYPE + "/versions/1/rollback",
                Map.of("reason", "version 2 misreads weekend traffic"));
        assertThat(done.statusCode()).as(done.body().asString()).isEqualTo(303);
        assertThat(stage(1)).isEqualTo("champion");
        assertThat(stage(2)).isEqualTo("archived");

        JsonPath audit = ConsoleClient.admin().get("/api/v1/audit?action=model.rollback&target=model:" + TYPE + "/*&limit=10")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.details.reason", String.class))
                .containsExactly("version 2 misreads weekend traffic");
        assertThat(audit.getList("items.actorId", String.class)).containsExactly("admin");
    }

    @Test
    void aViewerSeesNoRollbackAndIsRefused() {
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        assertThat(viewer.page("/models/test-kit.spare")).doesNotContain("/rollback\"");
        assertThat(viewer.post("/models/" + TYPE + "/versions/1/rollback", Map.of("reason", "no")).statusCode())
                .isEqualTo(403);
    }

    private static void train(Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("modelType", TYPE);
        long id = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("type", "test-kit.train-line", "params", all)).post("/api/v1/runs").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Api.TERMINAL.contains(run(id).getString("state")));
        assertThat(run(id).getString("state")).as(run(id).prettify()).isEqualTo("succeeded");
    }

    private static JsonPath run(long id) {
        return ConsoleClient.admin().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String stage(int version) {
        List<Map<String, Object>> versions = ConsoleClient.admin().get("/api/v1/models/" + TYPE + "/versions").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return versions.stream().filter(v -> ((Number) v.get("version")).intValue() == version)
                .map(v -> (String) v.get("stage")).findFirst().orElseThrow();
    }
}
