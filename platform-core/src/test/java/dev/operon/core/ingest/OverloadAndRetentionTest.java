package dev.operon.core.ingest;

import static dev.operon.core.ingest.Tracking.count;
import static dev.operon.core.ingest.Tracking.newSource;
import static dev.operon.core.ingest.Tracking.send;
import static dev.operon.core.ingest.Tracking.track;
import static dev.operon.core.ingest.Tracking.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With a tiny writer queue: a full queue answers 503 with Retry-After and loses nothing; a source over its rate
 * limit gets 429. With a 400-day retention: the maintenance task drops and deletes old events and purges old dedupe
 * entries, and it is scheduled by default.
 */
@QuarkusTest
@TestProfile(TinyQueueProfile.class)
class OverloadAndRetentionTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventWriter writer;

    private static List<Map<String, Object>> batch(String user, int size) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(TrackingApiTest.withType(track(user, "Queued"), "track"));
        }
        return batch;
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterAndNothingIsLost() throws Exception {
        String user = unique("u");
        String keyA = newSource();
        String keyB = newSource();
        String keyC = newSource();
        CompletableFuture<Integer> first;
        CompletableFuture<Integer> second;
        try (Connection blocker = dataSource.getConnection(); Statement statement = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            // the writer's dedupe insert waits behind this lock: the first request is taken and held there
            statement.execute("lock table event_dedupe in share mode");
            first = CompletableFuture.supplyAsync(() -> send(keyA, "batch", Map.of("batch", batch(user, 5)))
                    .statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> count(dataSource, "select count(*) from pg_locks"
                    + " where relation = 'event_dedupe'::regclass and not granted") > 0);
            second = CompletableFuture.supplyAsync(() -> send(keyB, "batch", Map.of("batch", batch(user, 5)))
                    .statusCode());
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.queued() == 5);
            send(keyC, "track", track(user, "Refused")).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "2");
            blocker.rollback();
        }
        assertThat(first.get()).isEqualTo(200);
        assertThat(second.get()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> send(keyC, "track", track(user, "Refused")).statusCode() == 200);
        assertThat(count(dataSource, "select count(*) from event where user_id = ?", user)).isEqualTo(11);
    }

    @Test
    void aSourceOverItsRateLimitGets429WithRetryAfter() throws Exception {
        String key = newSource();
        String user = unique("u");
        // 2 events/s with one second of burst: of four requests of two events sent together, some are refused
        List<CompletableFuture<io.restassured.response.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> send(key, "batch", Map.of("batch", batch(user, 2)))));
        }
        int accepted = 0;
        int limited = 0;
        for (CompletableFuture<io.restassured.response.Response> call : calls) {
            io.restassured.response.Response response = call.get();
            if (response.statusCode() == 200) {
                accepted++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
                limited++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(count(dataSource, "select count(*) from event where user_id = ?", user)).isEqualTo(2L * accepted);
    }

    @Test
    void theMaintenanceTaskAppliesRetentionAndPurgesDedupeEntries() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofDays(400));
        String user = unique("u");
        Instant ancient = now.minus(Duration.ofDays(800)).truncatedTo(ChronoUnit.SECONDS);
        Instant justOld = cutoff.minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        Instant recent = now.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        StringBuilder lines = new StringBuilder();
        for (Instant at : List.of(ancient, justOld, recent)) {
            lines.append("{\"type\":\"track\",\"event\":\"Aged\",\"userId\":\"").append(user)
                    .append("\",\"timestamp\":\"").append(at).append("\"}\n");
        }
        Tracking.admin().contentType("application/x-ndjson")
                .body(lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/events/import")
                .then().statusCode(200).body("imported", equalTo(3));
        String ancientPartition = EventMaintenance.name(YearMonth.from(ancient.atOffset(ZoneOffset.UTC)));
        assertThat(count(dataSource, "select count(*) from pg_class where relname = ?", ancientPartition)).isEqualTo(1);
        String oldKey = unique("m");
        String freshKey = unique("m");
        Tracking.execute(dataSource, "insert into event_dedupe values (999, '" + oldKey + "', now() - interval '8 days'),"
                + " (999, '" + freshKey + "', now() - interval '6 days')");

        long run = Tracking.admin().contentType(ContentType.JSON)
                .body(Map.of("type", EventsMaintenanceTask.ID, "params", Map.of())).post("/api/v1/runs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("succeeded",
                "failed").contains(Tracking.admin().get("/api/v1/runs/" + run).then().extract().path("state")));
        JsonPath result = Tracking.admin().get("/api/v1/runs/" + run).then().statusCode(200).extract().jsonPath();
        assertThat(result.getString("state")).isEqualTo("succeeded");
        assertThat(result.getInt("output.partitionsDropped")).isGreaterThanOrEqualTo(1);

        assertThat(count(dataSource, "select count(*) from pg_class where relname = ?", ancientPartition)).isZero();
        List<Map<String, Object>> left = Tracking.rows(dataSource, "select ts from event where user_id = ?", user);
        assertThat(left).hasSize(1);
        assertThat(Tracking.instant(left.get(0).get("ts"))).isEqualTo(recent);
        assertThat(count(dataSource, "select count(*) from event_dedupe where message_id = ?", oldKey)).isZero();
        assertThat(count(dataSource, "select count(*) from event_dedupe where message_id = ?", freshKey)).isEqualTo(1);
        YearMonth ahead = YearMonth.from(now.atOffset(ZoneOffset.UTC)).plusMonths(3);
        assertThat(count(dataSource, "select count(*) from pg_class where relname = ?", EventMaintenance.name(ahead)))
                .isEqualTo(1);
    }

    @Test
    void theMaintenanceTaskIsScheduledByDefault() {
        Tracking.admin().get("/api/v1/tasks/" + EventsMaintenanceSchedule.NAME).then().statusCode(200)
                .body("type", equalTo(EventsMaintenanceTask.ID)).body("schedule.kind", equalTo("cron"))
                .body("enabled", equalTo(true));
    }
}
