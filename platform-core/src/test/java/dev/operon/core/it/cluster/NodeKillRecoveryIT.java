package dev.operon.core.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on one PostgreSQL; a long {@code core.sleep} run is started; the node running it is killed with
 * SIGKILL. Another node must take the attempt over (Quartz's cluster recovery of the run's job, or the node
 * registry's sweep as a backstop) and finish it within 30 s of the kill, and the audit must show the recovery.
 */
class NodeKillRecoveryIT {

    /** The bound: recovered and finished elsewhere within this time from the kill. */
    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);
    static final int SLEEP_SECONDS = 8;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runOfAKilledNodeIsRecoveredAndFinishedOnAnotherNodeWithin30Seconds() throws Exception {
        // the registry's backstop sweep after 10 s of silence (default 30 s) so that it can also act within 30 s
        try (Cluster cluster = Cluster.start("kill", 3, Map.of("OPERON_CORE_NODE_SILENCE_LIMIT", "10s",
                "OPERON_CORE_NODE_HEARTBEAT", "2s"))) {
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
            assertThat(ended.get("node").asText()).isNotEqualTo(victim.id());
            assertThat(ended.get("attempt").asInt()).isEqualTo(2);
            assertThat(tookAfterKill).as("recovered and finished within 30 s of the kill; run " + ended)
                    .isLessThanOrEqualTo(RECOVERY_LIMIT);

            List<String> reasons = new ArrayList<>();
            ended.get("history").forEach(h -> reasons.add(h.path("reason").asText("")));
            assertThat(reasons).anyMatch(r -> r.contains("node " + victim.id()));

            JsonNode audit = json.readTree(survivor.get("/api/v1/audit?target=run:" + runId + "&order=asc&limit=50")
                    .body());
            List<String> recoveries = new ArrayList<>();
            for (JsonNode item : audit.get("items")) {
                String reason = item.path("after").path("reason").asText("");
                if (item.path("action").asText().equals("run.state") && reason.contains("node " + victim.id())) {
                    recoveries.add(item.path("actorType").asText() + ": " + reason);
                }
            }
            assertThat(recoveries).as(audit.toString()).hasSize(1);
            assertThat(recoveries.get(0)).contains("will be run again");
            assertThat(json.readTree(survivor.get("/api/v1/audit/verify").body()).toString()).contains("true");
        }
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
