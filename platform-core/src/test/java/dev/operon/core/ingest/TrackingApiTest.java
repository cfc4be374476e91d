package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.newSource;
import static dev.operon.core.ingest.Tracking.rows;
import static dev.operon.core.ingest.Tracking.send;
import static dev.operon.core.ingest.Tracking.track;
import static dev.operon.core.ingest.Tracking.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.operon.core.testing.PostgresResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Segment Tracking API: each call type against the spec's field rules, what is stored, limits and keys. */
@QuarkusTest
class TrackingApiTest {

    @Inject
    AgroalDataSource dataSource;

    private List<Map<String, Object>> eventsOf(String column, String value) {
        return rows(dataSource, "select * from event where " + column + " = ? order by id", value);
    }

    @Test
    void trackIsStoredWithItsFieldsAndAnswersLikeSegment() {
        String key = newSource();
        String user = unique("u");
        Map<String, Object> body = track(user, "Order Completed");
        body.put("messageId", unique("m"));
        body.put("context", Map.of("ip", "10.0.0.1", "library", Map.of("name", "analytics.js")));
        body.put("integrations", Map.of("All", true));
        send(key, "track", body).then().statusCode(200).contentType(ContentType.JSON).body("success", equalTo(true));
        Map<String, Object> row = eventsOf("user_id", user).get(0);
        assertThat(row.get("type")).isEqualTo("track");
        assertThat(row.get("name")).isEqualTo("Order Completed");
        assertThat(row.get("message_id")).isEqualTo(body.get("messageId"));
        assertThat(row.get("properties").toString()).contains("\"revenue\": 9.5");
        assertThat(row.get("context").toString()).contains("analytics.js");
        assertThat(row.get("integrations").toString()).contains("\"All\": true");
        assertThat(row.get("source_id")).isNotNull();
    }

    @Test
    void identifyPageScreenGroupAndAliasAreStoredAsTheirType() {
        String key = newSource();
        String user = unique("u");
        String anon = unique("a");
        send(key, "identify", Map.of("userId", user, "anonymousId", anon, "traits", Map.of("plan", "pro")))
                .then().statusCode(200);
        send(key, "page", Map.of("anonymousId", anon, "name", "Pricing", "properties", Map.of("path", "/pricing")))
                .then().statusCode(200);
        send(key, "screen", Map.of("userId", user, "name", "Home")).then().statusCode(200);
        send(key, "group", Map.of("userId", user, "groupId", "acme", "traits", Map.of("employees", 40)))
                .then().statusCode(200);
        send(key, "alias", Map.of("userId", user, "previousId", anon)).then().statusCode(200);
        List<Map<String, Object>> stored = rows(dataSource, "select type, name, user_id, anonymous_id, group_id,"
                + " previous_id, traits::text as traits from event where user_id = ? or anonymous_id = ? order by id",
                user, anon);
        assertThat(stored).extracting(r -> r.get("type")).containsExactly("identify", "page", "screen", "group", "alias");
        assertThat(stored.get(0).get("traits").toString()).contains("pro");
        assertThat(stored.get(1).get("name")).isEqualTo("Pricing");
        assertThat(stored.get(2).get("name")).isEqualTo("Home");
        assertThat(stored.get(3).get("group_id")).isEqualTo("acme");
        assertThat(stored.get(4).get("previous_id")).isEqualTo(anon);
    }

    @Test
    void fieldRulesOfTheSpecGive400NamingTheField() {
        String key = newSource();
        String user = unique("u");
        send(key, "track", Map.of("userId", user)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("event"));
        send(key, "track", Map.of("event", "X")).then().statusCode(400).body("errors[0].field", equalTo("userId"))
                .body("detail", containsString("userId or anonymousId is required"));
        send(key, "group", Map.of("userId", user)).then().statusCode(400).body("errors[0].field", equalTo("groupId"));
        send(key, "alias", Map.of("userId", user)).then().statusCode(400)
                .body("errors[0].field", equalTo("previousId"));
        send(key, "alias", Map.of("previousId", user)).then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        send(key, "identify", Map.of("userId", user, "timestamp", "yesterday")).then().statusCode(400)
                .body("errors[0].field", equalTo("timestamp"));
        send(key, "track", Map.of("userId", user, "event", "X", "properties", List.of(1))).then().statusCode(400)
                .body("errors[0].field", equalTo("properties"));
        send(key, "track", Map.of("userId", Map.of("id", 1), "event", "X")).then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        assertThat(eventsOf("user_id", user)).isEmpty();
        // numbers are accepted as ids (Segment libraries send both), and the messageId is generated when absent
        send(key, "track", Map.of("userId", 4711, "event", "Numbered")).then().statusCode(200);
        assertThat(rows(dataSource, "select message_id from event where user_id = '4711' and name = 'Numbered'"))
                .allSatisfy(r -> assertThat(r.get("message_id").toString()).hasSize(36));
    }

    @Test
    void malformedJsonIs400() {
        String key = newSource();
        Tracking.withWriteKey(key).body("{\"userId\": \"x\", \"event\": ").post("/v1/track").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("/problems/malformed-body"));
        Tracking.withWriteKey(key).body("[1, 2]").post("/v1/track").then().statusCode(400)
                .body("type", equalTo("/problems/malformed-body"));
        Tracking.withWriteKey(key).body("{\"batch\": 3}").post("/v1/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("batch"));
    }

    @Test
    void batchStoresEveryMessageOrNoneAndNamesTheBadOne() {
        String key = newSource();
        String user = unique("u");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(withType(track(user, "A"), "track"));
        batch.add(withType(Map.of("userId", user, "traits", Map.of("email", "x@example.com")), "identify"));
        batch.add(withType(Map.of("userId", user, "name", "Docs"), "page"));
        send(key, "batch", Map.of("batch", batch, "context", Map.of("library", Map.of("name", "test"))))
                .then().statusCode(200).body("success", equalTo(true));
        assertThat(eventsOf("user_id", user)).hasSize(3)
                .allSatisfy(r -> assertThat(r.get("context").toString()).contains("\"test\""));

        String other = unique("u");
        List<Map<String, Object>> bad = new ArrayList<>();
        bad.add(withType(track(other, "A"), "track"));
        bad.add(withType(Map.of("userId", other), "track"));
        bad.add(withType(Map.of("userId", other), "fly"));
        send(key, "batch", Map.of("batch", bad)).then().statusCode(400)
                .body("errors[0].field", equalTo("batch[1].event"))
                .body("errors[1].field", equalTo("batch[2].type"))
                .body("detail", containsString("batch[1].event"));
        assertThat(eventsOf("user_id", other)).isEmpty();

        // batch messages keep their objects as sent: a NUL escape (PostgreSQL cannot store it) is still refused
        String nul = unique("u");
        Tracking.withWriteKey(key).body("{\"batch\":[{\"type\":\"track\",\"event\":\"N\",\"userId\":\"" + nul
                + "\",\"properties\":{\"x\":\"a\\u0000b\"}}]}").post("/v1/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("batch[0].properties"));
        Tracking.withWriteKey(key).body("{\"batch\":[{\"type\":\"track\",\"event\":\"N\",\"userId\":\"" + nul
                + "\",\"properties\":{\"x\": [1, {\"y\": \"\u00e9\"}]}}]}").post("/v1/batch").then().statusCode(200);
        assertThat(rows(dataSource, "select properties->'x'->1->>'y' as y from event where user_id = ?", nul))
                .extracting(r -> r.get("y")).containsExactly("\u00e9");
    }

    @Test
    void oversizeEventAndBatchAre400WithTheReason() {
        String key = newSource();
        String user = unique("u");
        Map<String, Object> big = track(user, "Big");
        big.put("properties", Map.of("blob", "x".repeat(33_000)));
        send(key, "track", big).then().statusCode(400).body("type", equalTo("/problems/too-large"))
                .body("detail", containsString("32768"));
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(withType(track(user, "Small"), "track"));
        batch.add(withType(big, "track"));
        send(key, "batch", Map.of("batch", batch)).then().statusCode(400)
                .body("errors[0].field", equalTo("batch[1]")).body("detail", containsString("per event"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> item = withType(track(user, "Many"), "track");
            item.put("properties", Map.of("blob", "y".repeat(30_000)));
            many.add(item);
        }
        send(key, "batch", Map.of("batch", many)).then().statusCode(400).body("type", equalTo("/problems/too-large"))
                .body("detail", containsString("per batch"));
        assertThat(eventsOf("user_id", user)).isEmpty();
    }

    @Test
    void onlyAnEnabledSourcesWriteKeyIsAccepted() {
        String key = newSource();
        Map<String, Object> body = track(unique("u"), "Keyed");
        given().contentType(ContentType.JSON).body(body).post("/v1/track").then().statusCode(401)
                .contentType("application/problem+json");
        send("owk_" + "0".repeat(40), "track", body).then().statusCode(401);
        send(key + "0", "track", body).then().statusCode(401);
        // operator passwords and API keys are not write keys, and are not even tried on /v1
        given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(body).post("/v1/track").then().statusCode(401);
        String apiKey = Tracking.admin().contentType(ContentType.JSON)
                .body(Map.of("name", unique("k"), "scopes", List.of("ingest"))).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
        given().header("Authorization", "Bearer " + apiKey).contentType(ContentType.JSON).body(body)
                .post("/v1/track").then().statusCode(401);
        given().auth().preemptive().basic(apiKey, "").contentType(ContentType.JSON).body(body)
                .post("/v1/track").then().statusCode(401);
        // ... while /api/v1 still takes them
        given().header("Authorization", "Bearer " + apiKey).get("/api/v1/me").then().statusCode(200);
        Tracking.admin().get("/api/v1/me").then().statusCode(200);
        // the key in the body, as Segment allows
        Map<String, Object> withKey = new HashMap<>(body);
        withKey.put("writeKey", key);
        given().contentType(ContentType.JSON).body(withKey).post("/v1/track").then().statusCode(200);

        String name = Tracking.admin().get("/api/v1/sources").then().statusCode(200).extract().jsonPath()
                .getString("find { it.keyHint == '" + key.substring(0, 10) + "…' }.name");
        Tracking.admin().post("/api/v1/sources/" + name + "/disable").then().statusCode(200)
                .body("disabledAt", org.hamcrest.Matchers.notNullValue());
        send(key, "track", body).then().statusCode(401).body("detail", containsString("disabled"));
        assertThat(count(dataSource, "select count(*) from audit_record where action = 'source.disable'"
                + " and after::text like ?", "%" + name + "%")).isEqualTo(1);
    }

    @Test
    void skewedClocksAreCorrectedFromSentAt() {
        String key = newSource();
        String user = unique("u");
        // the sender's clock runs an hour behind: its timestamp and sentAt are both an hour early
        Instant now = Instant.now();
        Instant senderNow = now.minus(Duration.ofHours(1));
        Instant happened = senderNow.minus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, Object> body = track(user, "Skewed");
        body.put("timestamp", happened.toString());
        body.put("sentAt", senderNow.toString());
        send(key, "track", body).then().statusCode(200);
        Map<String, Object> row = eventsOf("user_id", user).get(0);
        Instant ts = Tracking.instant(row.get("ts"));
        Instant received = Tracking.instant(row.get("received_at"));
        assertThat(Tracking.instant(row.get("original_ts"))).isEqualTo(happened);
        assertThat(Duration.between(ts, received).toSeconds()).isBetween(599L, 601L);
        assertThat(Duration.between(ts, now.minus(Duration.ofMinutes(10))).abs()).isLessThan(Duration.ofSeconds(30));

        String plain = unique("u");
        Instant historical = Instant.parse("2024-02-03T04:05:06.789Z");
        Map<String, Object> noSentAt = track(plain, "Historical");
        noSentAt.put("timestamp", "2024-02-03T05:05:06.789+01:00");
        send(key, "track", noSentAt).then().statusCode(200);
        assertThat(Tracking.instant(eventsOf("user_id", plain).get(0).get("ts"))).isEqualTo(historical);

        String none = unique("u");
        send(key, "track", track(none, "Now")).then().statusCode(200);
        Map<String, Object> timeless = eventsOf("user_id", none).get(0);
        assertThat(timeless.get("ts")).isEqualTo(timeless.get("received_at"));
        assertThat(timeless.get("original_ts")).isNull();
    }

    @Test
    void anEventInAnOldMonthGetsItsPartition() {
        String key = newSource();
        String user = unique("u");
        Map<String, Object> body = track(user, "Old");
        body.put("timestamp", "2011-05-17T10:00:00Z");
        send(key, "track", body).then().statusCode(200);
        assertThat(count(dataSource, "select count(*) from pg_class where relname = 'event_y2011m05'")).isEqualTo(1);
        assertThat(count(dataSource, "select count(*) from event_y2011m05 where user_id = ?", user)).isEqualTo(1);
        body.put("timestamp", "1970-01-01T00:00:00Z");
        send(key, "track", body).then().statusCode(400).body("errors[0].field", equalTo("timestamp"));
    }

    @Test
    void theReadApiFiltersAndPagesNewestFirst() {
        String key = newSource();
        String user = unique("u");
        for (int i = 0; i < 5; i++) {
            send(key, "track", track(user, i % 2 == 0 ? "Even" : "Odd")).then().statusCode(200);
        }
        List<Integer> firstPage = Tracking.admin().get("/api/v1/events?userId=" + user + "&limit=2")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(firstPage).hasSize(2);
        assertThat(firstPage.get(0)).isGreaterThan(firstPage.get(1));
        List<Integer> secondPage = Tracking.admin().get("/api/v1/events?userId=" + user + "&limit=10&before="
                + firstPage.get(1)).then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(secondPage).hasSize(3).allSatisfy(id -> assertThat(id).isLessThan(firstPage.get(1)));
        Tracking.admin().get("/api/v1/events?userId=" + user + "&name=Even&type=track").then().statusCode(200)
                .body("size()", equalTo(3)).body("[0].properties.revenue", equalTo(9.5f));
        Tracking.admin().get("/api/v1/events?userId=" + user + "&from=2000-01-01T00:00:00Z&to=2001-01-01")
                .then().statusCode(200).body("size()", equalTo(0));
        Tracking.admin().get("/api/v1/events?type=nope").then().statusCode(422);
        Tracking.admin().get("/api/v1/events?from=soon").then().statusCode(422);
    }

    static Map<String, Object> withType(Map<String, Object> message, String type) {
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.put("type", type);
        return copy;
    }
}
