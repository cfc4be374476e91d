package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The packaged node under SIGTERM, and started with a role it does not know (ADR 0013). */
class NodeShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sigtermHandsBackARunThatOutlivesTheDrainAndDeregistersTheNode() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-drain-it").resolve("data");
        try (PlatformProcess platform = new PlatformProcess(dataDir)
                .withEnv("OPERON_CORE_NODE_DRAIN_TIMEOUT", "2s")) {
            platform.start();
            var created = platform.post("/api/v1/runs", "{\"type\":\"core.sleep\",\"params\":{\"seconds\":600}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = JSON.readTree(created.body()).get("id").asLong();
            String firstNode = awaitRunning(platform, id);

            Instant stopping = Instant.now();
            platform.close(); // SIGTERM
            assertThat(Duration.between(stopping, Instant.now())).as("drained in about the drain timeout")
                    .isLessThan(Duration.ofSeconds(25));
            assertThat(platform.log()).contains("handed back runs [" + id + "]");

            platform.start();
            JsonNode run = JSON.readTree(platform.get("/api/v1/runs/" + id).body());
            assertThat(run.get("history").toString()).contains("node " + firstNode + " shut down and the attempt did"
                    + " not end within the drain timeout of 2 s; handed back to the cluster");
            JsonNode nodes = JSON.readTree(platform.get("/api/v1/nodes").body());
            for (JsonNode node : nodes) {
                assertThat(node.get("id").asText()).as("the stopped node deregistered").isNotEqualTo(firstNode);
            }
            platform.post("/api/v1/runs/" + id + "/cancel", "{}");
        }
    }

    @Test
    void anUnknownRoleIsOneClearLine() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-roles-it").resolve("data");
        PlatformProcess platform = new PlatformProcess(dataDir).withEnv("OPERON_NODE_ROLES", "api,wroker");
        PlatformProcess.Result result = platform.command("serve");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output().strip()).isEqualTo("operon: operon.core.node.roles (OPERON_NODE_ROLES): unknown"
                + " role 'wroker'; known roles: api, scheduler, worker, gpu");
    }

    private static String awaitRunning(PlatformProcess platform, long id) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode run = JSON.readTree(platform.get("/api/v1/runs/" + id).body());
            if ("running".equals(run.get("state").asText())) {
                return run.get("node").asText();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + id + " did not start within 60 s");
    }
}
