package dev.operon.core.tasks;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.runType;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retention purges old run logs only; metrics, task types and the OpenAPI document are served. */
@QuarkusTest
@TestSecurity(user = "retention-tester", roles = {"admin", "operator", "viewer"})
class RetentionAndMetricsTest {

    @Inject
    Jdbc jdbc;

    @Test
    void retentionPurgesLogsOfOldRunsOnly() {
        long old = runType("core.sleep", Map.of("seconds", 0));
        long recent = runType("core.sleep", Map.of("seconds", 0));
        awaitEnd(old, Duration.ofSeconds(10));
        awaitEnd(recent, Duration.ofSeconds(10));
        jdbc.update("update run set finished_at = now() - interval '40 days' where id = ?", old);
        assertThat(jdbc.count("select count(*) from run_log where run_id = ?", old)).isPositive();
        long auditBefore = jdbc.count("select count(*) from audit_record");

        JsonPath purge = awaitEnd(runType("core.retention", Map.of("runLogDays", 30)), Duration.ofSeconds(20));
        assertThat(purge.getString("state")).isEqualTo("succeeded");
        assertThat(purge.getLong("output.logLinesDeleted")).isPositive();
        assertThat(jdbc.count("select count(*) from run_log where run_id = ?", old)).isZero();
        assertThat(jdbc.count("select count(*) from run_log where run_id = ?", recent)).isPositive();
        assertThat(jdbc.count("select count(*) from run where id = ?", old)).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from audit_record")).isGreaterThan(auditBefore);

        JsonPath runsToo = awaitEnd(runType("core.retention", Map.of("runLogDays", 30, "runDays", 35)),
                Duration.ofSeconds(20));
        assertThat(runsToo.getLong("output.runsDeleted")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.count("select count(*) from run where id = ?", old)).isZero();
    }

    @Test
    void metricsShowRunsByStateDurationsAndLag() {
        awaitEnd(runType("core.noop", Map.of()), Duration.ofSeconds(10));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("operon_runs{state=\"succeeded\"}", "operon_run_duration_seconds",
                "operon_runs_finished_total", "operon_scheduler_lag_seconds", "operon_run_start_delay_seconds");
    }

    @Test
    void taskTypesCarryTheirSchemas() {
        JsonPath sleep = json().get("/api/v1/task-types/core.sleep").then().statusCode(200).extract().jsonPath();
        assertThat(sleep.getString("inputSchema.type")).isEqualTo("object");
        assertThat(sleep.getInt("inputSchema.properties.seconds.maximum")).isEqualTo(86_400);
        assertThat(json().get("/api/v1/task-types").then().statusCode(200).extract().jsonPath()
                .getList("id", String.class)).contains("core.noop", "core.sleep", "core.http-call", "core.retention");
        JsonPath http = json().get("/api/v1/task-types/core.http-call").then().statusCode(200).extract().jsonPath();
        assertThat(http.getList("inputSchema.required", String.class)).containsExactly("url");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(document).contains("/api/v1/tasks", "/api/v1/runs/{id}/cancel", "/api/v1/task-types");
    }
}
