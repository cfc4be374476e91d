package dev.operon.core.cluster;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.run;
import static dev.operon.core.testing.Api.runType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.db.Jdbc;
import dev.operon.sdk.task.GpuFallback;
import dev.operon.sdk.task.Resources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Placement of a GPU task type on real Quartz pools. This node has the default roles (api, scheduler, worker): its
 * worker pool runs, its GPU pool stays in standby, so a run placed on the GPU pool waits until a GPU pool starts.
 */
@QuarkusTest
@TestSecurity(user = "placement-tester", roles = {"admin", "operator", "viewer"})
class GpuPlacementTest {

    private static final String TYPE = "test-kit.gpu-work";

    @Inject
    Jdbc jdbc;

    @Inject
    ExecutionPools pools;

    @AfterEach
    void restore() throws Exception {
        GpuWorkTask.declared = Resources.gpuPreferred();
        jdbc.update("delete from node where id like 'fake-gpu-%'");
        pools.scheduler(ExecutionPool.GPU).standby();
    }

    private long runGpuWork() {
        return runType(TYPE, Map.of("label", UUID.randomUUID().toString()));
    }

    private long gpuTriggersOf(long runId) {
        return jdbc.count("select count(*) from qrtz_triggers where sched_name = ? and job_name like ?",
                ExecutionPool.GPU.schedulerName(), "run-" + runId + "-%");
    }

    private void fakeGpuNode() {
        jdbc.update("insert into node (id, host, roles, started_at, heartbeat_at) values (?, 'gpu-box',"
                + " 'gpu,worker', now(), now())", "fake-gpu-" + UUID.randomUUID());
    }

    @Test
    void withNoGpuNodeAndFallbackFailTheRunFailsAtOnceWithAClearMessage() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.FAIL);
        JsonPath ended = awaitEnd(runGpuWork(), Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getString("error")).isEqualTo("task type 'test-kit.gpu-work' needs a GPU node and none is"
                + " alive (no node with the gpu role sent a heartbeat within 30 s); its GPU fallback is FAIL");
        assertThat(ended.getInt("attempt")).as("no attempt was started").isZero();
        assertThat(ended.getList("history.state")).containsExactly("queued", "failed");
        assertThat(jdbc.count("select count(*) from audit_record where target = ? and after like '%needs a GPU%'",
                "run:" + ended.getLong("id"))).isEqualTo(1);
    }

    @Test
    void withNoGpuNodeAndFallbackRunOnCpuAWorkerRunsIt() {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.RUN_ON_CPU);
        JsonPath ended = awaitEnd(runGpuWork(), Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getString("output.thread")).startsWith("operon-worker-pool");
    }

    @Test
    void withNoGpuNodeAndFallbackWaitTheRunWaitsForAGpuPoolAndRunsThere() throws Exception {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.WAIT);
        long id = runGpuWork();
        await().atMost(Duration.ofSeconds(10)).until(() -> gpuTriggersOf(id) == 1);
        Thread.sleep(2_000);
        assertThat(run(id).getString("state")).as("no worker takes GPU work").isEqualTo("queued");

        pools.start(ExecutionPool.GPU); // this node becomes a GPU node
        JsonPath ended = awaitEnd(id, Duration.ofSeconds(20));
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getString("output.thread")).startsWith("operon-gpu-pool");
    }

    @Test
    void whileAGpuNodeIsAliveGpuWorkGoesToItEvenWithFallbackFail() throws Exception {
        GpuWorkTask.declared = Resources.gpu(GpuFallback.FAIL);
        fakeGpuNode();
        long id = runGpuWork();
        await().atMost(Duration.ofSeconds(10)).until(() -> gpuTriggersOf(id) == 1);
        Thread.sleep(2_000);
        assertThat(run(id).getString("state")).as("this worker-only node leaves it to the GPU node")
                .isEqualTo("queued");
        json().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void cpuWorkNeverGoesToTheGpuPool() {
        fakeGpuNode();
        long id = runType("core.noop", Map.of());
        assertThat(awaitEnd(id, Duration.ofSeconds(20)).getString("state")).isEqualTo("succeeded");
        assertThat(gpuTriggersOf(id)).isZero();
    }
}
