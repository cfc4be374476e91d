package dev.operon.core.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Small helpers over REST Assured for the task engine's API. */
public final class Api {

    public static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled", "timed-out", "skipped");

    private Api() {
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Creates a task definition and returns its id. */
    public static long createTask(Map<String, Object> body) {
        return json().body(body).post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Triggers a definition and returns the run id. */
    public static long trigger(Object task, Map<String, Object> params) {
        return json().body(params == null ? Map.of() : Map.of("params", params))
                .post("/api/v1/tasks/" + task + "/runs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Starts an ad-hoc run of a type and returns its id. */
    public static long runType(String type, Map<String, Object> params) {
        return json().body(Map.of("type", type, "params", params)).post("/api/v1/runs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static JsonPath run(long id) {
        return json().get("/api/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the run has ended and returns it. */
    public static JsonPath awaitEnd(long id, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> TERMINAL.contains(run(id).getString("state")));
        return run(id);
    }

    public static JsonPath awaitState(long id, String state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> state.equals(run(id).getString("state")));
        return run(id);
    }
}
