package dev.operon.core.models;

import static dev.operon.core.models.Models.predict;
import static dev.operon.core.models.Models.predictCall;
import static dev.operon.core.models.Models.train;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A champion whose stored bytes were changed is refused on restore with a clear error; a new champion serves. */
@QuarkusTest
@TestSecurity(user = "model-operator", roles = {"operator", "viewer"})
class ArtifactChecksumTest {

    static final String TYPE = "test-kit.corrupt";

    @Inject
    Jdbc jdbc;

    @Test
    void aCorruptArtifactIsRefusedAndANewChampionServes() {
        assertThat(train(TYPE, Map.of("noise", 1.0, "epochs", 3)).getString("state")).isEqualTo("succeeded");
        int changed = jdbc.update("update model_version set artifact = artifact || '\\x00'::bytea"
                + " where model_type = ? and version = 1", TYPE);
        assertThat(changed).isEqualTo(1);

        JsonPath problem = predictCall(TYPE, 1.0).then().statusCode(503).extract().jsonPath();
        assertThat(problem.getString("type")).endsWith("/model-unavailable");
        assertThat(problem.getString("detail")).contains("version 1 of " + TYPE, "fails the checksum",
                "registered sha256");
        // asked again, it answers the same at once (the failure is remembered until the champion changes)
        predictCall(TYPE, 1.0).then().statusCode(503);

        assertThat(train(TYPE, Map.of("noise", 0.0, "epochs", 4)).getString("state")).isEqualTo("succeeded");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> predictCall(TYPE, 1.0).statusCode() == 200);
        JsonPath prediction = predict(TYPE, 1.0);
        assertThat(prediction.getInt("version")).isEqualTo(2);
    }
}
