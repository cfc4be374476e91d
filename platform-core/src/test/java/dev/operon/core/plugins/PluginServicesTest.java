package dev.operon.core.plugins;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.runType;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A classpath plugin's task runs like a core one and reaches its configuration, data prefix and metrics. */
@QuarkusTest
@TestSecurity(user = "plugin-tester", roles = {"admin", "operator", "viewer"})
class PluginServicesTest {

    @Test
    void pluginTaskUsesItsServicesAndReportsASeries() {
        JsonPath run = awaitEnd(runType("test-kit.series", Map.of("points", 5)), Duration.ofSeconds(15));
        assertThat(run.getString("state")).isEqualTo("succeeded");
        assertThat(run.getString("output.greeting")).isEqualTo("bonjour");
        assertThat(run.getString("output.table")).isEqualTo("test_kit_");
        JsonPath points = json().get("/api/v1/runs/" + run.getLong("id") + "/metrics").then().statusCode(200)
                .extract().jsonPath();
        assertThat(points.getList("step", Integer.class)).containsExactly(1, 2, 3, 4, 5);
        assertThat(points.getDouble("[4].value")).isEqualTo(0.2);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("operon_plugin_points_total{plugin=\"test-kit\"}");
    }
}
