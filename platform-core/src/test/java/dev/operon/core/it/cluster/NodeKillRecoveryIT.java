package dev.operon.core.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Three nodes on one PostgreSQL; a long {@code core.sleep} run is started; the node running it is killed with
 * SIGKILL. Another node must take the attempt over (Quartz's cluster recovery of the run's job, or the node
 * registry's sweep as a backstop) and finish it within 30 s of the kill, and the audit must show the recovery.
 */
@ExtendWith(SharedCluster.class)
@Order(ClusterTestOrder.NODE_KILL)
@ResourceLock(SharedCluster.LOCK)
class NodeKillRecoveryIT {

    /** The bound: recovered and finished elsewhere within this time from the kill. */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    static final int SLEEP_SECONDS = 8;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runOfAKilledNodeIsRecoveredAndFinishedOnAnotherNodeWithin30Seconds(Cluster cluster) throws Exception {
        // Default node settings: Quartz's cluster recovery takes the run over (check-in 5 s + 7.5 s grace). A
        // shorter operon.core.node.silence-limit (10 s was tried) lets the registry's sweep take runs away from live
        // nodes whose heartbeat is merely late on a loaded machine: the attempt then runs twice.
        ClusterNode entry = cluster.nodes().get(0);
        HttpResponse<String> created = entry.post("/api/v1/runs",
                "{\"type\":\"core.sleep\",\"params\":{\"seconds\":" + SLEEP_SECONDS + "}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long runId = json.readTree(created.body()).get("id").asLong();
        JsonNode running = awaitRunning(entry, runId);
        ClusterNode victim = cluster.node(running.get("node").asText());
        Thread.sleep(1500); // well into the attempt
        Instant killedAt = Instant.now();
        victim.kill();

        ClusterNode survivor = cluster.anyAliveExcept(victim);
        JsonNode ended = awaitEnd(survivor, runId, killedAt.plus(RECOVERY_LIMIT).plusSeconds(60), cluster);
        Duration tookAfterKill = Duration.between(killedAt, Instant.parse(ended.get("finishedAt").asText()));
        System.err.printf("kill-recovery: run %d finished %d ms after the kill of %s, on %s, attempt %d%n",
                runId, tookAfterKill.toMillis(), victim.id(), ended.get("node").asText(),
                ended.get("attempt").asInt());

        assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("succeeded");
        assertThat(ended.get("node").asText()).as(ended.toString()).isNotEqualTo(victim.id());
        assertThat(ended.get("attempt").asInt()).as(ended.toString()).isEqualTo(2);
        assertThat(tookAfterKill).as("recovered and finished within 30 s of the kill; run " + ended)
                .isLessThanOrEqualTo(RECOVERY_LIMIT);

        List<String> reasons = new ArrayList<>();
        ended.get("history").forEach(h -> reasons.add(h.path("reason").asText("")));
        assertThat(reasons).as(ended.toString()).anyMatch(r -> r.contains("will be run again"));

        // the recovery in the audit: the attempt of the dead node put back to queued by the system
        JsonNode audit = json.readTree(survivor.get("/api/v1/audit?target=run:" + runId + "&order=asc&limit=50")
                .body());
        List<String> recoveries = new ArrayList<>();
        for (JsonNode item : audit.get("items")) {
            JsonNode after = item.path("after");
            if (item.path("action").asText().equals("run.state") && after.path("state").asText().equals("queued")
                    && after.path("reason").asText("").contains("will be run again")) {
                recoveries.add(item.path("actorType").asText() + ": " + after.path("reason").asText());
            }
        }
        System.err.println("kill-recovery: audit records of the recovery " + recoveries);
        assertThat(recoveries).as(audit.toString()).hasSize(1);
        assertThat(recoveries.get(0).toLowerCase(java.util.Locale.ROOT)).startsWith("system")
                .containsAnyOf("stopped", "heartbeat");
        assertThat(json.readTree(survivor.get("/api/v1/audit/verify").body()).toString()).contains("true");
    }

    private JsonNode awaitRunning(ClusterNode node, long runId) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        JsonNode run = null;
        while (Instant.now().isBefore(giveUp)) {
            run = json.readTree(node.get("/api/v1/runs/" + runId).body());
            if ("running".equals(run.path("state").asText()) && !run.path("node").isNull()) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " never started: " + run);
    }

    private JsonNode awaitEnd(ClusterNode node, long runId, Instant giveUp, Cluster cluster) throws Exception {
        JsonNode run = null;
        while (Instant.now().isBefore(giveUp)) {
            run = json.readTree(node.get("/api/v1/runs/" + runId).body());
            String state = run.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + runId + " did not end after the kill: " + run + cluster.logs());
    }
}
