package dev.operon.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JVM killed with SIGKILL in the middle of a run leaves no run stuck in "running": after a restart on the same
 * data folder (which adopts the PostgreSQL the dead JVM left behind), the attempt is recovered and run again, the
 * run ends, the recovery is in its history and the audit chain still verifies.
 */
class CrashRecoveryIT {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runInterruptedByAKilledJvmIsRecoveredAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("operon-crash-it");
        try (PlatformProcess first = new PlatformProcess(dataDir)) {
            first.start();
            HttpResponse<String> created = first.post("/api/v1/runs",
                    "{\"type\":\"core.sleep\",\"params\":{\"seconds\":6}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long runId = json.readTree(created.body()).get("id").asLong();
            awaitState(first, runId, "running");
            first.kill();

            try (PlatformProcess second = new PlatformProcess(dataDir)) {
                second.start();
                JsonNode run = awaitEnd(second, runId);
                assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("succeeded");
                assertThat(run.get("attempt").asInt()).isEqualTo(2);
                List<String> reasons = new ArrayList<>();
                run.get("history").forEach(h -> reasons.add(h.path("reason").asText("")));
                assertThat(reasons).anyMatch(r -> r.contains("stopped") || r.contains("heartbeat"));
                JsonNode running = json.readTree(second.get("/api/v1/runs?state=running").body());
                assertThat(running.size()).isZero();
                JsonNode verify = json.readTree(second.get("/api/v1/audit/verify").body());
                assertThat(verify.toString()).contains("true");
            }
        }
    }

    private JsonNode awaitState(PlatformProcess platform, long runId, String state) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode run = json.readTree(platform.get("/api/v1/runs/" + runId).body());
            if (state.equals(run.path("state").asText())) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " never reached " + state);
    }

    private JsonNode awaitEnd(PlatformProcess platform, long runId) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(90);
        JsonNode run = null;
        while (Instant.now().isBefore(giveUp)) {
            run = json.readTree(platform.get("/api/v1/runs/" + runId).body());
            String state = run.path("state").asText();
            if (!state.equals("queued") && !state.equals("running")) {
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + runId + " did not end after the restart: " + run + "\n" + platform.log());
    }
}
