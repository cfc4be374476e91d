package dev.operon.core.cluster;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.awaitState;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.run;
import static dev.operon.core.testing.Api.runType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain of a shutdown, on this node, with real runs: what ends in time ends; the rest is handed back. */
@QuarkusTest
@TestSecurity(user = "drain-tester", roles = {"admin", "operator", "viewer"})
class NodeDrainTest {

    @Inject
    NodeDrain drain;

    @Inject
    Jdbc jdbc;

    @Inject
    NodeIdentity node;

    @Inject
    ExecutionPools pools;

    @AfterEach
    void resume() {
        drain.resume();
    }

    @Test
    void anAttemptThatDoesNotEndWithinTheDrainTimeoutIsHandedBackAndRecorded() {
        long id = runType("core.sleep", Map.of("seconds", 60));
        awaitState(id, "running", Duration.ofSeconds(20));

        List<Long> handedBack = drain.drain(Duration.ofSeconds(1));

        assertThat(handedBack).containsExactly(id);
        JsonPath after = run(id);
        assertThat(after.getString("state")).isEqualTo("queued");
        assertThat(after.getString("node")).isNull();
        assertThat(after.getList("history.reason", String.class)).last().asString()
                .isEqualTo("node " + node.id() + " shut down and the attempt did not end within the drain timeout"
                        + " of 1 s; handed back to the cluster");
        assertThat(jdbc.count("select count(*) from audit_record where target = ? and actor_type = 'system'"
                + " and after like '%handed back to the cluster%'", "run:" + id)).isEqualTo(1);
        assertThat(jdbc.count("select count(*) from run where id = ? and recoveries = 0", id))
                .as("a hand-back is not a crash recovery").isEqualTo(1);
        assertThat(jdbc.count("select count(*) from qrtz_job_details where job_name like ?", "run-" + id + "-%"))
                .as("a new trigger waits for another node").isGreaterThanOrEqualTo(1);
        assertThat(pools.started(ExecutionPool.WORKER)).as("a draining node takes no new work").isFalse();

        drain.resume(); // another node would pick it up; here this node does once it takes work again
        JsonPath second = awaitState(id, "running", Duration.ofSeconds(20));
        assertThat(second.getInt("attempt")).isEqualTo(2);
        json().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
        assertThat(awaitEnd(id, Duration.ofSeconds(30)).getString("state")).isEqualTo("cancelled");
    }

    @Test
    void anAttemptThatEndsWithinTheDrainTimeoutEndsNormally() {
        long id = runType("core.sleep", Map.of("seconds", 1));
        awaitState(id, "running", Duration.ofSeconds(20));

        List<Long> handedBack = drain.drain(Duration.ofSeconds(20));

        assertThat(handedBack).isEmpty();
        JsonPath ended = run(id);
        assertThat(ended.getString("state")).isEqualTo("succeeded");
        assertThat(ended.getInt("attempt")).isEqualTo(1);
    }

    @Test
    void aDrainingNodeStartsNothingNewUntilItResumes() throws Exception {
        drain.drain(Duration.ofSeconds(1));
        long id = runType("core.noop", Map.of());
        Thread.sleep(2_000);
        assertThat(run(id).getString("state")).isEqualTo("queued");
        drain.resume();
        assertThat(awaitEnd(id, Duration.ofSeconds(20)).getString("state")).isEqualTo("succeeded");
    }
}
