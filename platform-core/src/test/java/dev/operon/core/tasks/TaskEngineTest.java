package dev.operon.core.tasks;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.awaitState;
import static dev.operon.core.testing.Api.createTask;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.run;
import static dev.operon.core.testing.Api.runType;
import static dev.operon.core.testing.Api.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.db.Jdbc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The task engine end to end: schedules fire, retries back off, timeouts and cancels stop runs. */
@QuarkusTest
@TestSecurity(user = "engine-tester", roles = {"admin", "operator", "viewer"})
class TaskEngineTest {

    @Inject
    Jdbc jdbc;

    static Map<String, Object> task(String type, Map<String, Object> params, Map<String, Object> schedule) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "t-" + UUID.randomUUID());
        body.put("type", type);
        body.put("params", params);
        if (schedule != null) {
            body.put("schedule", schedule);
        }
        return body;
    }

    long runsOf(long taskId) {
        return jdbc.count("select count(*) from run where task_id = ?", taskId);
    }

    long succeededRunsOf(long taskId) {
        return jdbc.count("select count(*) from run where task_id = ? and state = 'succeeded'", taskId);
    }

    void disable(long taskId) {
        json().post("/api/v1/tasks/" + taskId + "/disable").then().statusCode(200);
    }

    @Test
    void cronScheduleFiresEverySecond() {
        long id = createTask(task("core.noop", Map.of(), Map.of("kind", "cron", "cron", "* * * * * ?",
                "timeZone", "Europe/Paris")));
        await().atMost(Duration.ofSeconds(15)).until(() -> succeededRunsOf(id) >= 3);
        disable(id);
        List<Instant> fires = jdbc.list("select scheduled_for from run where task_id = ? order by scheduled_for",
                rs -> rs.getTimestamp(1).toInstant(), id);
        for (Instant fire : fires) {
            assertThat(fire.getNano()).as("cron fires fall on whole seconds").isZero();
        }
        assertThat(jdbc.count("select count(*) from audit_record where target in (select 'run:' || id from run"
                + " where task_id = ?) and actor_type = 'scheduler'", id)).isGreaterThanOrEqualTo(9);
    }

    @Test
    void unixCronIsAcceptedAndPreviewed() {
        JsonPath preview = json().body(Map.of("kind", "cron", "cron", "30 9 * * 1-5", "timeZone", "Asia/Shanghai"))
                .post("/api/v1/tasks/schedule-preview").then().statusCode(200).extract().jsonPath();
        assertThat(preview.getString("schedule.cron")).isEqualTo("0 30 9 ? * 2-6");
        assertThat(preview.getList("nextFireTimes")).hasSize(5);
    }

    @Test
    void intervalScheduleFires() {
        long id = createTask(task("core.noop", Map.of(), Map.of("kind", "interval", "everySeconds", 1)));
        await().atMost(Duration.ofSeconds(15)).until(() -> succeededRunsOf(id) >= 2);
        disable(id);
        JsonPath taskView = json().get("/api/v1/tasks/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(taskView.getBoolean("enabled")).isFalse();
    }

    @Test
    void oneOffScheduleFiresOnce() {
        Instant at = Instant.now().plusSeconds(2);
        long id = createTask(task("core.noop", Map.of(), Map.of("kind", "once", "at", at.toString())));
        await().atMost(Duration.ofSeconds(15)).until(() -> succeededRunsOf(id) == 1);
        Instant scheduled = jdbc.one("select scheduled_for from run where task_id = ?",
                rs -> rs.getTimestamp(1).toInstant(), id).orElseThrow();
        assertThat(Duration.between(at, scheduled).abs()).isLessThan(Duration.ofMillis(1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> runsOf(id) == 1);
    }

    @Test
    void failedAttemptsAreRetriedWithExponentialBackoff() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 0, "failAttempts", 2), null);
        body.put("maxRetries", 3);
        body.put("retryBackoffSeconds", 1);
        long id = createTask(body);
        long run = trigger(id, null);
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(30));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getInt("attempt")).isEqualTo(3);
        List<Map<String, Object>> history = ended.getList("history");
        List<Object> states = history.stream().map(h -> h.get("state")).toList();
        assertThat(states).containsExactly("queued", "running", "queued", "running", "queued", "running",
                "succeeded");
        List<Instant> starts = history.stream().filter(h -> "running".equals(h.get("state")))
                .map(h -> Instant.parse((String) h.get("at"))).toList();
        assertThat(Duration.between(starts.get(0), starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void retriesRunOutIntoFailed() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 0, "failAttempts", 5), null);
        body.put("maxRetries", 1);
        body.put("retryBackoffSeconds", 0);
        JsonPath ended = awaitEnd(trigger(createTask(body), null), Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getInt("attempt")).isEqualTo(2);
        assertThat(ended.getString("error")).contains("fails as asked");
    }

    @Test
    void aTaskWithNothingToDoYetEndsAsSkippedWithoutRetries() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 0, "skip", true), null);
        body.put("maxRetries", 3);
        body.put("retryBackoffSeconds", 0);
        long run = trigger(createTask(body), null);
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("skipped");
        assertThat(ended.getInt("attempt")).isEqualTo(1);
        assertThat(ended.getString("error")).isEqualTo("skipped as asked (skip=true)");
        List<Map<String, Object>> history = ended.getList("history");
        assertThat(history.stream().map(h -> h.get("state")).toList()).containsExactly("queued", "running",
                "skipped");
        assertThat(json().get("/api/v1/runs?state=skipped").then().statusCode(200).extract().jsonPath()
                .getList("id", Long.class)).contains(run);
    }

    @Test
    void timeoutStopsTheRun() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 30), null);
        body.put("timeoutSeconds", 1);
        JsonPath ended = awaitEnd(trigger(createTask(body), null), Duration.ofSeconds(15));
        assertThat(ended.getString("state")).isEqualTo("timed-out");
        assertThat(Duration.between(Instant.parse(ended.getString("startedAt")),
                Instant.parse(ended.getString("finishedAt")))).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void cancelStopsARunningRunCooperatively() {
        long run = runType("core.sleep", Map.of("seconds", 60));
        awaitState(run, "running", Duration.ofSeconds(10));
        json().post("/api/v1/runs/" + run + "/cancel").then().statusCode(200);
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(5));
        assertThat(ended.getString("state")).isEqualTo("cancelled");
        assertThat(ended.getString("error")).contains("engine-tester");
        assertThat(ended.getString("cancelRequestedBy")).isEqualTo("operator:engine-tester");
    }

    @Test
    void cancelIsForcedAfterTheGracePeriod() {
        long run = runType("core.sleep", Map.of("seconds", 60, "ignoreCancel", true));
        awaitState(run, "running", Duration.ofSeconds(10));
        json().post("/api/v1/runs/" + run + "/cancel").then().statusCode(200);
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(10));
        assertThat(ended.getString("state")).isEqualTo("cancelled");
        assertThat(ended.getString("error")).contains("did not stop within");
    }

    @Test
    void cancellingAnEndedRunIsAConflict() {
        long run = runType("core.noop", Map.of());
        awaitEnd(run, Duration.ofSeconds(10));
        json().post("/api/v1/runs/" + run + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void skipPolicyRefusesASecondManualRunAndSkipsScheduledFires() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 2.5), Map.of("kind", "interval",
                "everySeconds", 1));
        body.put("concurrency", "skip");
        long id = createTask(body);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.count(
                "select skipped_fires from task where id = ?", id) >= 2);
        json().body(Map.of()).post("/api/v1/tasks/" + id + "/runs").then().statusCode(409);
        disable(id);
        assertOverlapFree(id);
    }

    @Test
    void queuePolicyRunsOneAfterAnother() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 0.5), null);
        body.put("concurrency", "queue");
        long id = createTask(body);
        long first = trigger(id, null);
        long second = trigger(id, null);
        long third = trigger(id, null);
        for (long run : List.of(first, second, third)) {
            assertThat(awaitEnd(run, Duration.ofSeconds(20)).getString("state")).isEqualTo("succeeded");
        }
        assertOverlapFree(id);
        List<Long> order = jdbc.list("select id from run where task_id = ? order by started_at", rs -> rs.getLong(1),
                id);
        assertThat(order).containsExactly(first, second, third);
    }

    @Test
    void allowPolicyRunsConcurrently() {
        Map<String, Object> body = task("core.sleep", Map.of("seconds", 1.5), null);
        body.put("concurrency", "allow");
        long id = createTask(body);
        long first = trigger(id, null);
        long second = trigger(id, null);
        awaitEnd(first, Duration.ofSeconds(15));
        awaitEnd(second, Duration.ofSeconds(15));
        long overlapping = jdbc.count("""
                select count(*) from run a join run b on a.task_id = b.task_id and a.id < b.id
                where a.task_id = ? and a.started_at < b.finished_at and b.started_at < a.finished_at""", id);
        assertThat(overlapping).isEqualTo(1);
    }

    @Test
    void manualTriggerOverridesParameters() {
        long id = createTask(task("core.sleep", Map.of("seconds", 30), null));
        long run = trigger(id, Map.of("seconds", 0.1));
        JsonPath ended = awaitEnd(run, Duration.ofSeconds(10));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getDouble("params.seconds")).isEqualTo(0.1);
        assertThat(ended.getInt("progressPercent")).isEqualTo(100);
        assertThat(json().get("/api/v1/runs/" + run + "/logs").then().statusCode(200).extract().jsonPath()
                .getList("message", String.class)).anyMatch(m -> m.startsWith("sleeping 0.1"));
    }

    @Test
    void runOnASilentNodeIsRecoveredBySweeper() {
        long id = createTask(task("core.noop", Map.of(), null));
        long runId = jdbc.insert("""
                insert into run (task_id, task_name, task_type, params, state, trigger, requested_by, attempt,
                                 max_attempts, retry_backoff_seconds, timeout_seconds, concurrency, node_id,
                                 started_at)
                values (?, 'ghost', 'core.noop', '{}', 'running', 'manual', 'cli:test', 1, 1, 1, 60, 'allow',
                        'dead-node', now() - interval '5 minutes')""", id);
        jdbc.update("insert into node (id, host, roles, started_at, heartbeat_at) values ('dead-node', 'gone', "
                + "'worker', now() - interval '1 hour', now() - interval '10 minutes')");
        JsonPath ended = awaitEnd(runId, Duration.ofSeconds(30));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getInt("attempt")).isEqualTo(2);
        assertThat(ended.getList("history.reason", String.class)).anyMatch(r -> r != null
                && r.contains("dead-node"));
    }

    private void assertOverlapFree(long taskId) {
        long overlapping = jdbc.count("""
                select count(*) from run a join run b on a.task_id = b.task_id and a.id < b.id
                where a.task_id = ? and a.started_at < coalesce(b.finished_at, now())
                  and b.started_at < coalesce(a.finished_at, now())""", taskId);
        assertThat(overlapping).isZero();
    }
}
