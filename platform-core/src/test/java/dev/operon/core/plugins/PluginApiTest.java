package dev.operon.core.plugins;

import static dev.operon.core.testing.Api.awaitEnd;
import static dev.operon.core.testing.Api.createTask;
import static dev.operon.core.testing.Api.json;
import static dev.operon.core.testing.Api.runType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The generic plugin endpoints over the classpath test plugin: listing with declarations and schemas, operations
 * (roles, validation, errors, audit), configuration (secrets hidden, writes validated and audited without them), and
 * enable/disable through the API and from another node.
 */
@QuarkusTest
class PluginApiTest {

    private static final String PLUGIN = "/api/v1/plugins/test-kit";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PluginRegistry registry;

    @Test
    @TestSecurity(user = "pat", roles = "viewer")
    void pluginsAreListedWithTheirDeclarations() {
        List<Map<String, Object>> plugins = json().get("/api/v1/plugins").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, Object> core = plugins.stream().filter(p -> "core".equals(p.get("id"))).findFirst().orElseThrow();
        assertThat(core).containsEntry("status", "active").containsEntry("source", "classpath")
                .containsEntry("tasks", 6);
        Map<String, Object> kit = plugins.stream().filter(p -> "test-kit".equals(p.get("id"))).findFirst()
                .orElseThrow();
        assertThat(kit).containsEntry("name", "Test plugin").containsEntry("sdkRange", "[1.0,2.0)")
                .containsEntry("tasks", 3).containsEntry("operations", 3).containsEntry("panels", 2)
                .containsEntry("models", 6).doesNotContainKey("reason");

        JsonPath detail = json().get(PLUGIN).then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("taskTypes", String.class)).containsExactlyInAnyOrder("test-kit.series",
                "test-kit.train-line", "test-kit.gpu-work");
        assertThat(detail.getString("operations.find { it.name == 'add-note' }.kind")).isEqualTo("action");
        assertThat(detail.getString("operations.find { it.name == 'add-note' }.role")).isEqualTo("operator");
        assertThat(detail.getString("operations.find { it.name == 'count-notes' }.role")).isEqualTo("viewer");
        assertThat(detail.getInt("operations.find { it.name == 'add-note' }.inputSchema.properties.text.maxLength"))
                .isEqualTo(200);
        assertThat(detail.getList("operations.find { it.name == 'add-note' }.inputSchema.required"))
                .containsExactly("text");
        assertThat(detail.getString("operations.find { it.name == 'add-note' }.outputSchema.properties.id.type"))
                .isEqualTo("integer");
        assertThat(detail.getList("panels[0].widgets.type", String.class))
                .containsExactly("kpi", "table", "time-series", "form", "text", "form");
        assertThat(detail.getString("panels[0].widgets[1].columns[0].field")).isEqualTo("count");
        assertThat(detail.getBoolean("config.find { it.key == 'api-token' }.secret")).isTrue();
        assertThat(detail.getString("config.find { it.key == 'page-size' }.defaultValue")).isEqualTo("20");
        assertThat(detail.getDouble("config.find { it.key == 'page-size' }.max")).isEqualTo(100.0);
        assertThat(detail.getList("config.find { it.key == 'mode' }.allowed")).containsExactly("fast", "careful");

        assertThat(json().get(PLUGIN + "/panels").then().statusCode(200).extract().jsonPath()
                .getString("[0].widgets[0].type")).isEqualTo("kpi");
        json().get("/api/v1/plugins/no-such-plugin").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "olga", roles = {"operator", "viewer"})
    void operationsAreValidatedCalledAndActionsAudited() throws SQLException {
        long before = json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(200)
                .extract().jsonPath().getLong("count");
        String text = "note-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        JsonPath note = json().body(Map.of("text", text, "priority", 2, "password", password))
                .post(PLUGIN + "/operations/add-note").then().statusCode(200).extract().jsonPath();
        assertThat(note.getString("text")).isEqualTo(text);
        assertThat(note.getString("createdBy")).isEqualTo("operator:olga");
        JsonPath count = json().body(Map.of("prefix", "note-")).post(PLUGIN + "/operations/count-notes").then()
                .statusCode(200).extract().jsonPath();
        assertThat(count.getLong("count")).isGreaterThan(0);
        assertThat(json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().extract().jsonPath()
                .getLong("count")).isEqualTo(before + 1);

        Map<String, String> success = lastAudit("plugin:test-kit/add-note", "success");
        assertThat(success.get("actor")).isEqualTo("operator:olga");
        assertThat(success.get("details")).contains(text).contains("\"password\":\"***\"");
        assertThat(success.get("after")).contains("\"id\":" + note.getLong("id"));
        assertThat(auditHits(password)).isZero();

        json().body(Map.of("text", " ", "priority", 9)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(422).body("errors.field", org.hamcrest.Matchers.contains("priority", "text"));
        json().body(Map.of("text", "x", "priority", 1, "colour", "red")).post(PLUGIN + "/operations/add-note")
                .then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("colour"));
        json().body(Map.of("text", List.of("a"), "priority", 1)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("text"));
        json().body(Map.of("prefix", "x".repeat(21))).post(PLUGIN + "/operations/count-notes").then()
                .statusCode(422).body("errors[0].field", org.hamcrest.Matchers.equalTo("prefix"));
        json().body("[1, 2]").post(PLUGIN + "/operations/add-note").then().statusCode(422);
        json().body("{not json").post(PLUGIN + "/operations/add-note").then().statusCode(400);
        assertThat(lastAudit("plugin:test-kit/add-note", "failure").get("details")).contains("\"error\"");

        json().body(Map.of("text", "conflict", "priority", 1)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.equalTo("a note cannot say 'conflict'"));
        json().body(Map.of("text", "fields", "priority", 1)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("text.words[1]"))
                .body("errors[0].message", org.hamcrest.Matchers.equalTo("expected a word, not 'fields'"));
        json().body(Map.of("text", "boom", "priority", 1)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(500).contentType("application/problem+json")
                .body(not(containsString("internal detail")));
        assertThat(lastAudit("plugin:test-kit/add-note", "failure").get("details"))
                .contains("unexpected error").doesNotContain("internal detail");

        json().body(Map.of()).post(PLUGIN + "/operations/no-such-operation").then().statusCode(404);
        json().body(Map.of()).post("/api/v1/plugins/no-such-plugin/operations/x").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void aViewerCallingAnOperatorActionIsRefusedAndAudited() throws SQLException {
        long before = json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(200)
                .extract().jsonPath().getLong("count");
        json().body(Map.of("text", "from a viewer", "priority", 1)).post(PLUGIN + "/operations/add-note").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("requires the operator role"));
        Map<String, String> denied = lastAudit("plugin:test-kit/add-note", "denied");
        assertThat(denied.get("actor")).isEqualTo("operator:vera");
        assertThat(denied.get("action")).isEqualTo("plugin.operation");
        assertThat(denied.get("details")).contains("from a viewer").contains("requires role operator");
        assertThat(json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(200).extract()
                .jsonPath().getLong("count")).isEqualTo(before);
        json().post(PLUGIN + "/disable").then().statusCode(403);
        json().body(Map.of("mode", "careful")).put(PLUGIN + "/config").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void configurationHidesSecretsValidatesWritesAndAuditsWithoutSecretValues() throws SQLException {
        String secret = "tok-" + UUID.randomUUID();
        try {
            JsonPath written = json().body(Map.of("api-token", secret, "mode", "careful", "page-size", 50))
                    .put(PLUGIN + "/config").then().statusCode(200).body(not(containsString(secret))).extract()
                    .jsonPath();
            assertThat(written.getMap("find { it.key == 'api-token' }.value")).isEqualTo(Map.of("set", true));
            assertThat(written.getString("find { it.key == 'mode' }.source")).isEqualTo("admin");

            JsonPath read = json().get(PLUGIN + "/config").then().statusCode(200).body(not(containsString(secret)))
                    .extract().jsonPath();
            assertThat(read.getString("find { it.key == 'greeting' }.value")).isEqualTo("bonjour");
            assertThat(read.getString("find { it.key == 'greeting' }.source")).isEqualTo("platform");
            assertThat(read.getString("find { it.key == 'pause' }.source")).isEqualTo("default");
            assertThat(read.getString("find { it.key == 'callback' }.source")).isEqualTo("unset");
            assertThat(read.getString("find { it.key == 'mode' }.value")).isEqualTo("careful");
            // the plugin reads the admin's values at once
            assertThat(json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(200)
                    .extract().jsonPath().getString("pageSize")).isEqualTo("50");

            Map<String, Object> bad = new HashMap<>();
            bad.put("page-size", 0);
            bad.put("mode", "reckless");
            bad.put("pause", "soon");
            bad.put("callback", "not a url");
            bad.put("greeting", Map.of("nested", true));
            bad.put("no-such-key", 1);
            json().body(bad).put(PLUGIN + "/config").then().statusCode(422).body("errors.field",
                    org.hamcrest.Matchers.containsInAnyOrder("page-size", "mode", "pause", "callback", "greeting",
                            "no-such-key"));
            assertThat(json().get(PLUGIN + "/config").then().extract().jsonPath()
                    .getString("find { it.key == 'mode' }.value")).isEqualTo("careful");

            Map<String, Object> clear = new HashMap<>();
            clear.put("page-size", null);
            JsonPath cleared = json().body(clear).put(PLUGIN + "/config").then().statusCode(200).extract().jsonPath();
            assertThat(cleared.getString("find { it.key == 'page-size' }.value")).isEqualTo("20");
            assertThat(cleared.getString("find { it.key == 'page-size' }.source")).isEqualTo("default");

            Map<String, String> audited = lastAudit("plugin:test-kit", "success");
            assertThat(audited.get("action")).isEqualTo("plugin.config");
            assertThat(auditHits(secret)).isZero();
            assertThat(auditHits("\"api-token\"")).isPositive();
        } finally {
            Map<String, Object> reset = new HashMap<>();
            reset.put("api-token", null);
            reset.put("mode", null);
            reset.put("page-size", null);
            json().body(reset).put(PLUGIN + "/config").then().statusCode(200);
        }
        assertThat(json().get(PLUGIN + "/config").then().extract().jsonPath()
                .getMap("find { it.key == 'api-token' }.value")).isEqualTo(Map.of("set", false));
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void aDisabledPluginsTasksAndOperationsAreUnavailableUntilEnabledAgain() throws SQLException {
        int closes = TestPlugin.CLOSES.get();
        int starts = TestPlugin.STARTS.get();
        Object instance = registry.find("test-kit").orElseThrow().plugin();
        String name = "disabled-" + UUID.randomUUID();
        Map<String, Object> task = new HashMap<>();
        task.put("name", name);
        task.put("type", "test-kit.series");
        task.put("params", Map.of("points", 1));
        task.put("schedule", Map.of("kind", "interval", "everySeconds", 1));
        long taskId = createTask(task);
        try {
            json().post(PLUGIN + "/disable").then().statusCode(200).body("status",
                    org.hamcrest.Matchers.equalTo("disabled"));
            Instant disabledAt = Instant.now();
            assertThat(TestPlugin.CLOSES.get()).isEqualTo(closes + 1);
            assertThat(lastAudit("plugin:test-kit", "success").get("action")).isEqualTo("plugin.disable");

            json().get("/api/v1/task-types/test-kit.series").then().statusCode(404);
            json().body(Map.of("type", "test-kit.series", "params", Map.of("points", 1))).post("/api/v1/runs")
                    .then().statusCode(422).body("detail", containsString("plugin 'test-kit' is disabled"));
            json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("disabled"));
            // declarations stay readable
            json().get(PLUGIN).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("disabled"));
            json().get(PLUGIN + "/config").then().statusCode(200);

            // the schedule keeps firing while the plugin is disabled: those runs fail saying why
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> firstRunAfter(name, disabledAt) != null);
            JsonPath run = awaitEnd(firstRunAfter(name, disabledAt), Duration.ofSeconds(15));
            assertThat(run.getString("state")).isEqualTo("failed");
            assertThat(run.getString("error")).contains("plugin 'test-kit' is disabled");
            // the definition stays
            json().get("/api/v1/tasks/" + taskId).then().statusCode(200);
        } finally {
            json().post("/api/v1/tasks/" + taskId + "/disable").then().statusCode(200);
            json().post(PLUGIN + "/enable").then().statusCode(200).body("status",
                    org.hamcrest.Matchers.equalTo("active"));
        }
        assertThat(TestPlugin.STARTS.get()).isEqualTo(starts + 1);
        // each instance is started once and closed once: enabling again starts a new one
        assertThat(registry.find("test-kit").orElseThrow().plugin()).isNotSameAs(instance)
                .isInstanceOf(TestPlugin.class);
        assertThat(lastAudit("plugin:test-kit", "success").get("action")).isEqualTo("plugin.enable");
        assertThat(awaitEnd(runType("test-kit.series", Map.of("points", 1)), Duration.ofSeconds(15))
                .getString("state")).isEqualTo("succeeded");
        json().body(Map.of()).post(PLUGIN + "/operations/count-notes").then().statusCode(200);
        json().delete("/api/v1/tasks/" + taskId).then().statusCode(204);
    }

    /** The id of the oldest run of {@code task} created after {@code after}, or null. */
    private static Long firstRunAfter(String task, Instant after) {
        List<Map<String, Object>> runs = json().get("/api/v1/tasks/" + task + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return runs.stream().filter(r -> Instant.parse((String) r.get("createdAt")).isAfter(after))
                .map(r -> ((Number) r.get("id")).longValue()).min(Long::compare).orElse(null);
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void aChangeMadeOnAnotherNodeIsAppliedHereWithinSeconds() throws SQLException {
        try {
            // what another node's disable leaves in the database
            update("insert into plugin_state (plugin_id, enabled, changed_by) values ('test-kit', false, 'admin:x')"
                    + " on conflict (plugin_id) do update set enabled = false");
            update("update plugin_sync set version = version + 1");
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                    .until(() -> registry.find("test-kit").orElseThrow().status() == PluginStatus.DISABLED);
            json().get("/api/v1/task-types/test-kit.series").then().statusCode(404);

            update("update plugin_state set enabled = true where plugin_id = 'test-kit'");
            update("update plugin_sync set version = version + 1");
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(200))
                    .until(() -> registry.find("test-kit").orElseThrow().status() == PluginStatus.ACTIVE);
            json().get("/api/v1/task-types/test-kit.series").then().statusCode(200);
        } finally {
            json().post(PLUGIN + "/enable").then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "ada", roles = {"admin", "operator", "viewer"})
    void theCorePluginCannotBeDisabled() {
        json().post("/api/v1/plugins/core/disable").then().statusCode(409);
        json().get("/api/v1/plugins/core").then().body("status", org.hamcrest.Matchers.equalTo("active"));
    }

    private void update(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }

    /** The newest audit record for {@code target} with {@code outcome}. */
    private Map<String, String> lastAudit(String target, String outcome) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select actor_type || ':' || actor_id, action, before, after, details from audit_record
                     where target = ? and outcome = ? order by seq desc limit 1""")) {
            select.setString(1, target);
            select.setString(2, outcome);
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).as("an audit record for " + target + " with outcome " + outcome).isTrue();
                Map<String, String> record = new HashMap<>();
                record.put("actor", rs.getString(1));
                record.put("action", rs.getString(2));
                record.put("before", rs.getString(3));
                record.put("after", rs.getString(4));
                record.put("details", rs.getString(5));
                return record;
            }
        }
    }

    /** How many audit records hold {@code text} anywhere. */
    private long auditHits(String text) throws SQLException {
        List<String> columns = new ArrayList<>(List.of("actor_id", "action", "target", "before", "after",
                "details"));
        String where = String.join(" or ", columns.stream().map(c -> "strpos(coalesce(" + c + ", ''), ?) > 0")
                .toList());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from audit_record where "
                     + where)) {
            for (int i = 1; i <= columns.size(); i++) {
                select.setString(i, text);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
