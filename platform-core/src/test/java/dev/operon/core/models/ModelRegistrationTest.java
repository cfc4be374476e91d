package dev.operon.core.models;

import static dev.operon.core.models.Models.logs;
import static dev.operon.core.models.Models.predictCall;
import static dev.operon.core.models.Models.startTraining;
import static dev.operon.core.models.Models.train;
import static dev.operon.core.models.Models.versions;
import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.operon.core.plugins.PluginRegistry;
import dev.operon.sdk.model.ModelDraft;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What gets registered and what does not: a cancelled or failed training leaves no version, a bad draft fails the
 * training with the reason, and a plugin registering outside a task stores at once.
 */
@QuarkusTest
@TestSecurity(user = "model-operator", roles = {"operator", "viewer"})
class ModelRegistrationTest {

    static final String TYPE = "test-kit.spare";

    @Inject
    PluginRegistry plugins;

    @Test
    void aTrainingCancelledMidEpochRegistersNothing() {
        int before = versions(TYPE).size();
        // 40 epochs of 20 batches with 20 ms pauses: about 16 s if nobody stops it
        long run = startTraining(TYPE, Map.of("epochs", 40, "batches", 20, "pauseMillis", 20));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> !json()
                .get("/api/v1/runs/" + run + "/metrics").then().statusCode(200).extract().jsonPath()
                .getList("series").isEmpty());
        json().post("/api/v1/runs/" + run + "/cancel").then().statusCode(200);
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("cancelled");
        assertThat(ended.getInt("progressPercent")).isBetween(1, 99);
        assertThat(logs(run)).contains("epoch 1/40").doesNotContain("epoch 40/40", "registered");
        assertThat(versions(TYPE)).hasSize(before);
    }

    @Test
    void aTrainingThatFailsAfterRegisteringRegistersNothing() {
        int before = versions(TYPE).size();
        JsonPath run = train(TYPE, Map.of("epochs", 2, "failAfterRegister", true));
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("failing on purpose after registering");
        assertThat(versions(TYPE)).hasSize(before);
    }

    @Test
    void aDraftOfATypeThePluginDoesNotDeclareFailsTheTraining() {
        JsonPath run = train("core.elsewhere", Map.of("epochs", 1));
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("model type 'core.elsewhere' is not declared by plugin test-kit");
    }

    @Test
    void aDraftWithoutThePrimaryMetricFailsTheTraining() {
        int before = versions(TYPE).size();
        JsonPath run = train(TYPE, Map.of("epochs", 1, "omitMetric", true));
        assertThat(run.getString("state")).isEqualTo("failed");
        assertThat(run.getString("error")).contains("no validation metric 'mse'");
        assertThat(run.getInt("attempt")).isEqualTo(1);
        assertThat(versions(TYPE)).hasSize(before);
    }

    @Test
    void outsideATaskARegistrationIsStoredAtOnce() throws Exception {
        int before = versions(TYPE).size();
        Path folder = Files.createTempDirectory("not-a-model");
        Files.writeString(folder.resolve("line-0000.params"), "not parameters");
        var models = plugins.services("test-kit").models();
        models.register(ModelDraft.of(TYPE, folder, "line").validationMetric("mse", -1.0).build());
        Artifacts.deleteQuietly(folder);

        var all = versions(TYPE);
        assertThat(all).hasSize(before + 1);
        assertThat(all.get(0).get("runId")).isNull();
        assertThat(all.get(0).get("stage")).isEqualTo("champion");
        assertThat(models.champion(TYPE).orElseThrow().version()).isEqualTo(before + 1);
        // its files are no model: a problem document naming the version (DJL refuses them at load or at the
        // first prediction, depending on the engine), and the node carries on
        var response = predictCall(TYPE, 1.0);
        assertThat(response.statusCode()).isIn(422, 503);
        assertThat(response.jsonPath().getString("detail")).contains(TYPE).contains("version " + (before + 1));
        assertThatThrownBy(() -> models.predict("core.other", 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not declared by plugin test-kit");
        json().get("/api/v1/models").then().statusCode(200);
    }
}
