package dev.operon.core.cluster;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.run;
import static dev.operon.core.testing.Api.runType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeRegistry;
import dev.operon.core.scheduling.TaskScheduler;
import dev.operon.sdk.task.GpuFallback;
import dev.operon.sdk.task.Resources;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The death of the GPU node a run was placed for (ADR 0013, "GPU node death"), simulated through the registry's
 * heartbeat rows: a registered GPU node (a {@code node} row with the gpu role) makes placement put GPU work in the
 * GPU pool, which this worker node does not run; then its heartbeat is set far in the past, as a node killed with
 * SIGKILL leaves it, and the registry's sweep runs. With no GPU node left, the type's {@code GpuFallback} decides;
 * with another GPU node alive, nothing is moved (Quartz's own acquisition and recovery among GPU pool members).
 */
@QuarkusTest
@TestSecurity(user = "gpu-death-tester", roles = {"admin", "operator", "viewer"})
class GpuNodeDeathTest {

    private static final String TYPE = "test-kit.gpu-work";

    @Inject
    Jdbc jdbc;

    @Inject
    ExecutionPools pools;

    @Inject
    NodeRegistry registry;

    @Inject
    TaskScheduler scheduler;

    @Inject
    MeterRegistry meters;

    private final List<Long> runs = new ArrayList<>();

    @AfterEach
    void restore() throws Exception {
        for (long id : runs) {
            if ("queued".equals(run(id).getString("state"))) {
                json().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
            }
        }
        GpuWorkTask.declared = Resources.gpuPreferred();
        jdbc.update("delete from node where id like 'dying-gpu-%'");
        pools.scheduler(ExecutionPool.GPU).standby();
    }

    @Test
    void runOnCpuFallbackHandsAStrandedRunToTheWorkerPool() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.RUN_ON_CPU);
        String gpuNode = gpuNode();
        long id = placedOnGpuPool();

        die(gpuNode);
        registry.sweep();

        JsonPath ended = awaitEnd(id, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getString("output.thread")).startsWith("operon-worker-pool");
        assertThat(gpuJobsOf(id)).isZero();
        String reason = "no node with the gpu role is alive; handed to the worker pool (GPU fallback RUN_ON_CPU)";
        assertThat(ended.getList("history.reason", String.class)).contains(reason);
        assertThat(auditReasons(id)).contains("system: " + reason);
    }

    @Test
    void failFallbackFailsAStrandedRunWithTheReason() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.FAIL);
        String gpuNode = gpuNode();
        long id = placedOnGpuPool();

        die(gpuNode);
        registry.sweep();

        JsonPath ended = awaitEnd(id, Duration.ofSeconds(20));
        String why = "task type 'test-kit.gpu-work' needs a GPU node and none is alive (no node with the gpu role"
                + " sent a heartbeat within 30 s); its GPU fallback is FAIL";
        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getString("error")).isEqualTo(why);
        assertThat(ended.getInt("attempt")).as("no attempt was started").isZero();
        assertThat(gpuJobsOf(id)).isZero();
        assertThat(auditReasons(id)).contains("scheduler: " + why);
    }

    @Test
    void waitFallbackKeepsTheRunQueuedAndSaysSoInTheRunTheNodePageAndAMetric() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.WAIT);
        String gpuNode = gpuNode();
        long id = placedOnGpuPool();
        assertThat(run(id).getString("progressMessage")).isNull();

        die(gpuNode);
        registry.sweep();
        registry.sweep(); // a second sweep notes nothing new

        JsonPath waiting = run(id);
        assertThat(waiting.getString("state")).isEqualTo("queued");
        assertThat(waiting.getString("progressMessage")).isEqualTo(Placement.WAITING_FOR_GPU);
        assertThat(gpuJobsOf(id)).as("still in the GPU pool").isEqualTo(1);
        assertThat(auditReasons(id)).containsOnlyOnce("system: " + Placement.WAITING_FOR_GPU);
        assertThat(meters.get("operon.runs.waiting.gpu").gauge().value()).isGreaterThanOrEqualTo(1);
        String page = nodesPage();
        assertThat(page).contains("id=\"gpu-waiting\"").containsPattern("GPU runs? waits? for a node with the gpu role");

        // a GPU node comes back: it runs the run, and the waiting note and gauge go
        gpuNode();
        registry.sweep();
        assertThat(meters.get("operon.runs.waiting.gpu").gauge().value()).isZero();
        pools.start(ExecutionPool.GPU);
        JsonPath ended = awaitEnd(id, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getString("output.thread")).startsWith("operon-gpu-pool");
        assertThat(ended.getString("progressMessage")).isNotEqualTo(Placement.WAITING_FOR_GPU);
        assertThat(nodesPage()).doesNotContain("id=\"gpu-waiting\"");
    }

    @Test
    void whileAnotherGpuNodeIsAliveNothingIsMoved() throws Exception {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.FAIL);
        String dying = gpuNode();
        gpuNode();
        long id = placedOnGpuPool();

        die(dying);
        registry.sweep();
        Thread.sleep(1_000);

        JsonPath still = run(id);
        assertThat(still.getString("state")).isEqualTo("queued");
        assertThat(still.getString("progressMessage")).isNull();
        assertThat(gpuJobsOf(id)).as("left to the GPU pool's members").isEqualTo(1);
    }

    @Test
    void aRunningRunOfTheDeadGpuNodeFollowsTheFallbackToo() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.FAIL);
        String gpuNode = gpuNode();
        long id = placedOnGpuPool();
        // the GPU node's pool fired the job and claimed the run (what RunLifecycle.claim writes), then it died
        jdbc.update("delete from qrtz_simple_triggers where sched_name = ? and trigger_name like ?",
                ExecutionPool.GPU.schedulerName(), "run-" + id + "-%");
        jdbc.update("delete from qrtz_triggers where sched_name = ? and job_name like ?",
                ExecutionPool.GPU.schedulerName(), "run-" + id + "-%");
        jdbc.update("delete from qrtz_job_details where sched_name = ? and job_name like ?",
                ExecutionPool.GPU.schedulerName(), "run-" + id + "-%");
        jdbc.update("update run set state = 'running', node_id = ?, attempt = 1, started_at = now() where id = ?",
                gpuNode, id);

        die(gpuNode);
        registry.sweep();

        JsonPath ended = awaitEnd(id, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getString("error")).contains("needs a GPU node and none is alive");
        assertThat(ended.getList("history.reason", String.class))
                .anyMatch(r -> r.equals("node " + gpuNode + " sent no heartbeat for 30 s"));
        assertThat(auditReasons(id)).contains("system: node " + gpuNode + " sent no heartbeat for 30 s");
    }

    /** The console's Nodes page, as this class's test identity (@TestSecurity) sees it. */
    private static String nodesPage() {
        return io.restassured.RestAssured.given().redirects().follow(false).get("/nodes").then().statusCode(200)
                .extract().asString();
    }

    /** A node with the gpu role and a fresh heartbeat. */
    private String gpuNode() {
        String id = "dying-gpu-" + UUID.randomUUID();
        jdbc.update("insert into node (id, host, roles, started_at, heartbeat_at) values (?, 'gpu-box', 'gpu',"
                + " now(), now())", id);
        return id;
    }

    /** As a SIGKILL leaves it: no more heartbeats, its row stays. */
    private void die(String node) {
        jdbc.update("update node set heartbeat_at = now() - interval '10 minutes', started_at = now() - interval"
                + " '11 minutes' where id = ?", node);
    }

    private long placedOnGpuPool() {
        long id = runType(TYPE, Map.of("label", UUID.randomUUID().toString()));
        runs.add(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> gpuJobsOf(id) == 1);
        assertThat(run(id).getString("state")).isEqualTo("queued");
        return id;
    }

    private long gpuJobsOf(long runId) {
        return jdbc.count("select count(*) from qrtz_job_details where sched_name = ? and job_name like ?",
                ExecutionPool.GPU.schedulerName(), "run-" + runId + "-%");
    }

    /** "actor-type: reason" of the run's state audit records, oldest first. */
    private static List<String> auditReasons(long runId) {
        JsonPath audit = json().get("/api/v1/audit?target=run:" + runId + "&order=asc&limit=50").then()
                .statusCode(200).extract().jsonPath();
        List<String> reasons = new ArrayList<>();
        List<Map<String, Object>> items = audit.getList("items");
        for (Map<String, Object> item : items) {
            Object after = item.get("after");
            if ("run.state".equals(item.get("action")) && after instanceof Map<?, ?> state
                    && state.get("reason") != null) {
                reasons.add(item.get("actorType") + ": " + state.get("reason"));
            }
        }
        return reasons;
    }
}
