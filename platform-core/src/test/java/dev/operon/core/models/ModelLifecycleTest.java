package dev.operon.core.models;

import static dev.operon.core.models.Models.logs;
import static dev.operon.core.models.Models.predict;
import static dev.operon.core.models.Models.train;
import static dev.operon.core.models.Models.version;
import static dev.operon.core.models.Models.versions;
import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One model type's life, in order: trained and registered as champion and served; a better version promoted and a
 * worse one kept as candidate; a manual promotion with a reason; rollbacks, with predictions following each change.
 */
@QuarkusTest
@TestSecurity(user = "model-admin", roles = {"admin", "operator", "viewer"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelLifecycleTest {

    static final String TYPE = "test-kit.line";

    @Test
    @Order(1)
    void aTrainedVersionIsRegisteredAsChampionAndServed() {
        JsonPath run = train(TYPE, Map.of("slope", 2.0, "intercept", 1.0, "noise", 0.5));
        assertThat(run.getString("state")).as(run.prettify()).isEqualTo("succeeded");
        long runId = run.getLong("id");

        List<Map<String, Object>> all = versions(TYPE);
        assertThat(all).hasSize(1);
        JsonPath v1 = version(TYPE, 1);
        assertThat(v1.getString("stage")).isEqualTo("champion");
        assertThat(v1.getLong("runId")).isEqualTo(runId);
        assertThat(v1.getString("pluginId")).isEqualTo("test-kit");
        assertThat(v1.getDouble("validationMetrics.mse")).isBetween(0.1, 0.5);
        assertThat(v1.getDouble("parameters.slope")).isEqualTo(2.0);
        assertThat(v1.getString("properties.inputs")).isEqualTo("1");
        assertThat(v1.getString("artifactSha256")).hasSize(64);
        assertThat(v1.getLong("artifactBytes")).isPositive();
        assertThat(v1.getString("promotedBy")).isEqualTo("plugin:test-kit");
        assertThat(v1.getString("promotionReason")).contains("no champion yet");
        assertThat(logs(runId)).contains("registered test-kit.line version 1", "becomes champion");

        JsonPath types = json().get("/api/v1/models").then().statusCode(200).extract().jsonPath();
        assertThat(types.getInt("find { it.id == 'test-kit.line' }.champion.version")).isEqualTo(1);
        assertThat(types.getString("find { it.id == 'test-kit.line' }.primaryMetric.name")).isEqualTo("mse");
        assertThat(types.getBoolean("find { it.id == 'test-kit.line' }.primaryMetric.higherIsBetter")).isFalse();
        assertThat(types.getDouble("find { it.id == 'test-kit.line' }.promotionMargin")).isEqualTo(0.0);
        // a per-type margin from the configuration
        assertThat(types.getDouble("find { it.id == 'test-kit.spare' }.promotionMargin")).isEqualTo(0.25);

        JsonPath prediction = predict(TYPE, 1.0);
        assertThat(prediction.getInt("version")).isEqualTo(1);
        assertThat(prediction.getDouble("output.y")).isCloseTo(3.0, within(0.4));
    }

    @Test
    @Order(2)
    void trainingReportsEachEpoch() {
        JsonPath run = train(TYPE, Map.of("noise", 2.0, "epochs", 3));
        assertThat(run.getString("state")).isEqualTo("succeeded");
        assertThat(run.getInt("progressPercent")).isEqualTo(100);
        JsonPath points = json().get("/api/v1/runs/" + run.getLong("id") + "/metrics").then().statusCode(200)
                .extract().jsonPath();
        List<String> series = points.getList("series", String.class);
        assertThat(series).contains("train_L2Loss", "validate_L2Loss");
        assertThat(points.getList("findAll { it.series == 'train_L2Loss' }.step", Integer.class))
                .containsExactly(1, 2, 3);
        assertThat(logs(run.getLong("id"))).contains("epoch 1/3", "epoch 3/3");
    }

    @Test
    @Order(3)
    void aBetterVersionIsPromotedAndAWorseOneStaysCandidate() {
        // version 2 above was trained on very noisy data: it stayed candidate
        assertThat(version(TYPE, 2).getString("stage")).isEqualTo("candidate");

        JsonPath better = train(TYPE, Map.of("slope", -1.0, "intercept", 0.0, "noise", 0.05));
        assertThat(better.getString("state")).isEqualTo("succeeded");
        assertThat(version(TYPE, 3).getString("stage")).isEqualTo("champion");
        assertThat(version(TYPE, 1).getString("stage")).isEqualTo("archived");
        assertThat(logs(better.getLong("id"))).contains("version 3 beats the champion");
        awaitServed(3);
        assertThat(predict(TYPE, 1.0).getDouble("output.y")).isCloseTo(-1.0, within(0.4));

        JsonPath worse = train(TYPE, Map.of("slope", 5.0, "intercept", 0.0, "noise", 1.0));
        assertThat(worse.getString("state")).isEqualTo("succeeded");
        assertThat(version(TYPE, 4).getString("stage")).isEqualTo("candidate");
        assertThat(logs(worse.getLong("id"))).contains("version 4 stays candidate");
        assertThat(predict(TYPE, 1.0).getInt("version")).isEqualTo(3);
    }

    @Test
    @Order(4)
    void anAdminPromotesWithAReasonAndRollsBack() {
        json().body(Map.of()).post("/api/v1/models/" + TYPE + "/versions/4/promote").then().statusCode(422);
        json().body(Map.of("reason", "  ")).post("/api/v1/models/" + TYPE + "/versions/4/promote").then()
                .statusCode(422);
        JsonPath promoted = json().body(Map.of("reason", "slope 5 is what marketing wants"))
                .post("/api/v1/models/" + TYPE + "/versions/4/promote").then().statusCode(200).extract().jsonPath();
        assertThat(promoted.getString("stage")).isEqualTo("champion");
        assertThat(promoted.getString("promotedBy")).isEqualTo("operator:model-admin");
        assertThat(promoted.getString("promotionReason")).isEqualTo("slope 5 is what marketing wants");
        assertThat(version(TYPE, 3).getString("stage")).isEqualTo("archived");
        awaitServed(4);
        assertThat(predict(TYPE, 1.0).getDouble("output.y")).isCloseTo(5.0, within(0.6));
        json().body(Map.of("reason", "again")).post("/api/v1/models/" + TYPE + "/versions/4/promote").then()
                .statusCode(409);
        json().body(Map.of("reason", "x")).post("/api/v1/models/" + TYPE + "/versions/99/promote").then()
                .statusCode(404);

        // without a version: back to the champion before the current one
        JsonPath back = json().body(Map.of("reason", "marketing changed its mind"))
                .post("/api/v1/models/" + TYPE + "/rollback").then().statusCode(200).extract().jsonPath();
        assertThat(back.getInt("version")).isEqualTo(3);
        awaitServed(3);

        JsonPath first = json().body(Map.of("reason", "back to the first", "version", 1))
                .post("/api/v1/models/" + TYPE + "/rollback").then().statusCode(200).extract().jsonPath();
        assertThat(first.getInt("version")).isEqualTo(1);
        awaitServed(1);
        assertThat(predict(TYPE, 1.0).getDouble("output.y")).isCloseTo(3.0, within(0.4));
        json().body(Map.of("reason", "forward", "version", 4)).post("/api/v1/models/" + TYPE + "/rollback").then()
                .statusCode(409);

        assertThat(versions(TYPE)).extracting(v -> v.get("version") + ":" + v.get("stage"))
                .containsExactly("4:archived", "3:archived", "2:candidate", "1:champion");

        JsonPath audit = json().get("/api/v1/audit?target=model:" + TYPE + "/*&limit=100").then().statusCode(200)
                .extract().jsonPath();
        List<String> actions = audit.getList("items.action", String.class);
        assertThat(actions).contains("model.register", "model.promote", "model.archive", "model.rollback");
        assertThat(audit.getList("items.findAll { it.action == 'model.rollback' }.details.reason", String.class))
                .contains("marketing changed its mind", "back to the first");
        assertThat(audit.getString("items.find { it.action == 'model.promote' && it.actorId == 'model-admin' }"
                + ".details.reason")).isEqualTo("slope 5 is what marketing wants");
    }

    private static void awaitServed(int version) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> predict(TYPE, 0.0).getInt("version") == version);
    }
}
