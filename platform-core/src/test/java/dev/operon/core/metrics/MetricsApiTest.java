package dev.operon.core.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The metrics points API on a running server with the anomaly plugin: ingest keys and operators push batches, each
 * batch is audited once, bad input is a problem document and stores nothing, and the scoring task scores the points.
 */
@QuarkusTest
class MetricsApiTest {

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD).contentType(ContentType.JSON);
    }

    private static String key(String scope) {
        return admin().body(Map.of("name", unique("metrics-key"), "scopes", List.of(scope)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestSpecification withKey(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    private static List<Map<String, Object>> points(Instant start, int count, double base) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(Map.of("timestamp", start.plus(i, ChronoUnit.MINUTES).toString(),
                    "value", base + (i % 7) + (i == count - 3 ? 500 : 0)));
        }
        return points;
    }

    private static JsonPath series(String metric) {
        return admin().body(Map.of("name", metric)).post("/api/v1/plugins/anomaly/operations/list-series")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anIngestKeyPushesABatchThatIsStoredAuditedOnceAndScoredByTheServer() {
        String metric = "api.latency." + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        withKey(key("ingest")).body(Map.of("labels", Map.of("host", "web-1"), "points", points(start, 400, 100)))
                .post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(200).body("received", equalTo(400)).body("accepted", equalTo(400))
                .body("duplicates", equalTo(0));

        JsonPath listed = series(metric);
        assertThat(listed.getList("$")).hasSize(1);
        assertThat(listed.getString("[0].labels")).isEqualTo("host=web-1");
        assertThat(listed.getLong("[0].points")).isEqualTo(400);

        JsonPath audit = admin().get("/api/v1/audit?action=metrics.points&target=metric:" + metric)
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items")).hasSize(1);
        assertThat(audit.getString("items[0].outcome")).isEqualTo("success");
        assertThat(audit.getInt("items[0].details.points")).isEqualTo(400);
        assertThat(audit.getInt("items[0].after.accepted")).isEqualTo(400);
        assertThat(audit.getString("items[0].actorType")).isEqualTo("api-key");

        long run = admin().body(Map.of("type", "anomaly.score", "params", Map.of("skipDelivery", true)))
                .post("/api/v1/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> List.of(
                "succeeded", "failed", "cancelled", "timed-out").contains(admin().get("/api/v1/runs/" + run)
                .then().extract().path("state")));
        assertThat(admin().get("/api/v1/runs/" + run).then().extract().<String>path("state")).isEqualTo("succeeded");
        long id = series(metric).getLong("[0].id");
        JsonPath chart = admin().body(Map.of("seriesId", id, "limit", 500))
                .post("/api/v1/plugins/anomaly/operations/series-chart").then().statusCode(200).extract().jsonPath();
        List<Float> scores = chart.getList("score", Float.class);
        assertThat(scores).hasSize(400).doesNotContainNull();
        assertThat(chart.getDouble("[397].score")).as("the spike, with the default detector").isGreaterThan(0.9);
        // nothing before the spike looks anomalous (the default's episode gate also damps the echoes just after it)
        assertThat(scores.subList(0, 397)).as("before the spike").allMatch(score -> score < 0.5);
    }

    @Test
    void badBatchesAreProblemDocumentsAndStoreNothing() {
        String metric = "orders." + UUID.randomUUID().toString().substring(0, 8);
        String operator = key("operate");
        Instant start = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        withKey(operator).body(Map.of("points", points(start, 5, 10))).post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(200).body("accepted", equalTo(5));

        List<Map<String, Object>> bad = new ArrayList<>(points(start.plus(1, ChronoUnit.HOURS), 3, 10));
        bad.add(Map.of("timestamp", "2999-01-01T00:00:00Z", "value", 1));
        withKey(operator).body(Map.of("points", bad)).post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("points[3].timestamp"));
        withKey(operator).body(Map.of("points", List.of(Map.of("timestamp", "soon", "value", 1))))
                .post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("timestamp"));
        // every bad point of a batch is named, not only the first one binding stumbles on
        withKey(operator).body(Map.of("points", List.of(Map.of("timestamp", "soon", "value", 1),
                        Map.of("timestamp", start.toString(), "value", 2), Map.of("timestamp", start.toString(),
                                "value", "lots"), Map.of("timestamp", true, "value", 3))))
                .post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.contains("points[0].timestamp", "points[2].value",
                        "points[3].timestamp"));
        withKey(operator).body("{\"points\": [").post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(400).contentType("application/problem+json");
        withKey(operator).body("[1, 2]").post("/api/v1/metrics/" + metric + "/points")
                .then().statusCode(400).contentType("application/problem+json");
        withKey(operator).body(Map.of("points", points(start, 1, 1))).post("/api/v1/metrics/9%20bad/points")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));

        assertThat(series(metric).getLong("[0].points")).isEqualTo(5);
        JsonPath audit = admin().get("/api/v1/audit?action=metrics.points&target=metric:" + metric)
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.outcome", String.class)).containsExactlyInAnyOrder("success", "failure",
                "failure", "failure");
    }

    @Test
    void viewersAndAnonymousCallersCannotPush() {
        Map<String, Object> body = Map.of("points", points(Instant.now().minus(1, ChronoUnit.HOURS), 1, 1));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/metrics/denied/points").then().statusCode(401)
                .contentType("application/problem+json");
        withKey(key("read")).body(body).post("/api/v1/metrics/denied/points").then().statusCode(403)
                .contentType("application/problem+json");
    }
}
