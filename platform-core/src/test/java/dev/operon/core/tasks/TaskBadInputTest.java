package dev.operon.core.tasks;

import static dev.operon.core.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input gets a problem document naming what is wrong, and changes nothing. */
@QuarkusTest
@TestSecurity(user = "bad-input-tester", roles = {"admin", "operator", "viewer"})
class TaskBadInputTest {

    @Inject
    Jdbc jdbc;

    private long tasksBefore;
    private long auditBefore;
    private long triggersBefore;

    @BeforeEach
    void count() {
        tasksBefore = jdbc.count("select count(*) from task");
        auditBefore = jdbc.count("select count(*) from audit_record where actor_id = 'bad-input-tester'");
        triggersBefore = jdbc.count("select count(*) from qrtz_triggers where trigger_group = 'operon-tasks'");
    }

    @AfterEach
    void nothingChanged() {
        assertThat(jdbc.count("select count(*) from task")).isEqualTo(tasksBefore);
        assertThat(jdbc.count("select count(*) from audit_record where actor_id = 'bad-input-tester'"))
                .isEqualTo(auditBefore);
        assertThat(jdbc.count("select count(*) from qrtz_triggers where trigger_group = 'operon-tasks'"))
                .isEqualTo(triggersBefore);
    }

    static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "bad-input-" + System.nanoTime());
        body.put("type", "core.sleep");
        body.put("params", Map.of("seconds", 1));
        body.put("schedule", Map.of("kind", "cron", "cron", "0 0 * * * ?"));
        return body;
    }

    @Test
    void unknownTaskType() {
        Map<String, Object> body = valid();
        body.put("type", "core.nope");
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("type"))
                .body("detail", containsString("core.nope"));
    }

    @Test
    void paramsOfTheWrongTypeSayWhatTheyMustBeWithoutJavaNames() {
        Map<String, Object> body = valid();
        body.put("params", Map.of("seconds", "soon", "failAttempts", 1));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors[0].field", equalTo("params.seconds"))
                .body("errors[0].message", equalTo("must be a number, not \"soon\""));
    }

    @Test
    void queryParameterOfTheWrongTypeIsABadRequestNamingIt() {
        json().get("/api/v1/tasks?limit=abc").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"))
                .body("detail", containsString("'abc'"));
        json().get("/api/v1/tasks?limit=20&offset=x1").then().statusCode(400)
                .body("errors[0].field", equalTo("offset"));
        // a short value contained in the message ("a" in "For input string") is not mistaken for the culprit
        json().get("/api/v1/tasks?type=a&limit=abc").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        json().get("/api/v1/tasks?limit=0").then().statusCode(422);
    }

    @Test
    void wrongJsonTypeIsAProblemNamingTheField() {
        Map<String, Object> body = valid();
        body.put("enabled", "perhaps");
        json().body(body).post("/api/v1/tasks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("enabled"));
        body.put("enabled", true);
        body.put("maxRetries", List.of(1, 2));
        json().body(body).post("/api/v1/tasks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("maxRetries"));
    }

    @Test
    void invalidCron() {
        Map<String, Object> body = valid();
        body.put("schedule", Map.of("kind", "cron", "cron", "61 * * * * ?"));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("schedule.cron"));
    }

    @Test
    void unknownTimeZoneAndMissingInterval() {
        Map<String, Object> body = valid();
        body.put("schedule", Map.of("kind", "interval"));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors.field", hasItem("schedule.everySeconds"));
        body.put("schedule", Map.of("kind", "cron", "cron", "0 0 * * * ?", "timeZone", "Mars/Olympus"));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors.field", hasItem("schedule.timeZone"));
    }

    @Test
    void malformedJson() {
        json().body("{\"name\": \"x\", \"type\": ").post("/api/v1/tasks").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void payloadOverTheLimit() {
        String huge = "x".repeat(1_100_000);
        Map<String, Object> body = valid();
        body.put("description", huge);
        json().body(body).post("/api/v1/tasks").then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void parametersOfTheWrongTypeOrUnknown() {
        Map<String, Object> body = valid();
        body.put("params", Map.of("seconds", "soon"));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors[0].field", equalTo("params.seconds"));
        body.put("params", Map.of("seconds", 1, "colour", "blue"));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors[0].field", equalTo("params.colour"));
        body.put("params", Map.of("seconds", -5));
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors[0].field", equalTo("params.seconds"));
    }

    @Test
    void invalidFieldsAreAllNamed() {
        Map<String, Object> body = valid();
        body.put("name", "");
        body.put("concurrency", "sometimes");
        body.put("maxRetries", 1000);
        json().body(body).post("/api/v1/tasks").then().statusCode(422)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("concurrency"))
                .body("errors.field", hasItem("maxRetries"));
    }

    @Test
    void unknownTaskAndRun() {
        json().get("/api/v1/tasks/no-such-task").then().statusCode(404).contentType("application/problem+json");
        json().body(Map.of()).post("/api/v1/tasks/no-such-task/runs").then().statusCode(404);
        json().get("/api/v1/runs/987654321").then().statusCode(404).contentType("application/problem+json");
        json().get("/api/v1/runs?state=sleeping").then().statusCode(422).body("errors[0].field", equalTo("state"));
    }

    @Test
    void duplicateNameIsAConflict() {
        Map<String, Object> body = valid();
        long id = json().body(body).post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        json().body(body).post("/api/v1/tasks").then().statusCode(409).contentType("application/problem+json");
        json().delete("/api/v1/tasks/" + id).then().statusCode(204);
        // the create and delete were audited; take them out of this test's "nothing changed" count
        auditBefore += 2;
    }
}
