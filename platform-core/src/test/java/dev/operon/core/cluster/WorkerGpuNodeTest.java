package dev.operon.core.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.audit.Actor;
import dev.operon.core.db.Jdbc;
import dev.operon.core.runs.NewRun;
import dev.operon.core.runs.RunLifecycle;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.sdk.task.Resources;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/** A node with the roles {@code worker,gpu}: no API, no console, no schedule fires; it runs CPU and GPU work. */
@QuarkusTest
@TestProfile(WorkerGpuNodeTest.WorkerGpu.class)
class WorkerGpuNodeTest {

    public static class WorkerGpu implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("operon.core.node.roles", "gpu, worker");
        }
    }

    @Inject
    Scheduler quartz;

    @Inject
    ExecutionPools pools;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    NodeIdentity node;

    @Inject
    Jdbc jdbc;

    @Test
    void theApiAndTheConsoleAnswer503WithAProblemDocumentWhileHealthStillAnswers() {
        for (String path : new String[] {"/api/v1/nodes", "/api/v1/runs", "/", "/nodes", "/login"}) {
            Response response = given().redirects().follow(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("title")).isEqualTo("Not an API node");
            assertThat(response.jsonPath().getString("detail")).isEqualTo("node " + node.id() + " has the roles"
                    + " worker,gpu and does not serve the API or the console; send requests to a node with the api"
                    + " role");
            assertThat(response.jsonPath().getString("instance")).isEqualTo(path);
        }
        given().get("/q/health").then().statusCode(200);
    }

    @Test
    void itFiresNoScheduleButRunsCpuAndGpuWorkOnItsOwnPools() throws Exception {
        assertThat(quartz.isStarted()).as("no scheduler role: Quarkus's scheduler never started").isFalse();
        assertThat(pools.started(ExecutionPool.WORKER)).isTrue();
        assertThat(pools.started(ExecutionPool.GPU)).isTrue();
        assertThat(jdbc.list("select roles from node where id = ?", rs -> rs.getString(1), node.id()))
                .containsExactly("worker,gpu");

        GpuWorkTask.declared = Resources.gpuPreferred();
        long gpuRun = request("test-kit.gpu-work");
        long cpuRun = request("core.noop");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.count("select count(*) from run where id in (?, ?)"
                + " and state = 'succeeded'", gpuRun, cpuRun) == 2);
        assertThat(jdbc.list("select output from run where id = ?", rs -> rs.getString(1), gpuRun).get(0))
                .contains("operon-gpu-pool");
    }

    private long request(String type) {
        return lifecycle.request(new NewRun(null, null, type, "{}", "manual", null, "test", 1, 1, 60, "allow"),
                Actor.SYSTEM, Map.of()).id();
    }
}
