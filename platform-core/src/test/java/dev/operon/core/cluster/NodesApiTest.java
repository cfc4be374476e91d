package dev.operon.core.cluster;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.db.Jdbc;
import dev.operon.core.scheduling.NodeIdentity;
import dev.operon.core.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NodesApiTest {

    @Inject
    Jdbc jdbc;

    @Inject
    NodeIdentity node;

    @Test
    @TestSecurity(user = "nodes-viewer", roles = {"viewer"})
    void aViewerSeesThisNodeAliveWithItsRolesAndASilentNodeAsSilent() {
        String silent = "silent-" + UUID.randomUUID();
        jdbc.update("insert into node (id, host, roles, started_at, heartbeat_at) values (?, 'old-box', 'worker,gpu',"
                + " now() - interval '2 hours', now() - interval '10 minutes')", silent);
        try {
            JsonPath nodes = Api.json().get("/api/v1/nodes").then().statusCode(200).extract().jsonPath();
            Map<String, Object> self = nodes.getMap("find { it.id == '" + node.id() + "' }");
            assertThat(self).containsEntry("state", "alive").containsEntry("self", true)
                    .containsEntry("roles", List.of("api", "scheduler", "worker"));
            assertThat(self.get("host")).isNotNull();
            assertThat(self.get("heartbeatAt")).isNotNull();
            Map<String, Object> other = nodes.getMap("find { it.id == '" + silent + "' }");
            assertThat(other).containsEntry("state", "silent").containsEntry("self", false)
                    .containsEntry("roles", List.of("worker", "gpu")).containsEntry("runningRuns", 0);
        } finally {
            jdbc.update("delete from node where id = ?", silent);
        }
    }

    @Test
    @TestSecurity(user = "nodes-admin", roles = {"admin", "operator", "viewer"})
    void runningRunsAreCountedPerNode() {
        long id = Api.runType("core.sleep", Map.of("seconds", 30));
        Api.awaitState(id, "running", java.time.Duration.ofSeconds(20));
        try {
            JsonPath nodes = Api.json().get("/api/v1/nodes").then().statusCode(200).extract().jsonPath();
            assertThat(nodes.getInt("find { it.id == '" + node.id() + "' }.runningRuns")).isGreaterThanOrEqualTo(1);
        } finally {
            Api.json().post("/api/v1/runs/" + id + "/cancel").then().statusCode(200);
        }
    }

    @Test
    void anonymousCallersAreRefused() {
        given().get("/api/v1/nodes").then().statusCode(401);
    }
}
