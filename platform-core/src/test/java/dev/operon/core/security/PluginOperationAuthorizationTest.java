package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every operation of every installed plugin (the built-in ones and the test plugin), read from the plugins API,
 * against callers who must be refused: nobody and wrong credentials (401), and every caller whose role or key scope
 * is below the operation's declared role (403). The refusal happens before the input is read, so the body is empty.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginOperationAuthorizationTest {

    private static final List<String> ROLES = List.of("viewer", "operator", "admin");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Caller(String name, Supplier<RequestSpecification> request, int level) {
    }

    record Operation(String plugin, String name, String role) {
    }

    private List<Caller> callers;

    @BeforeEach
    void accounts() {
        if (callers != null) {
            return;
        }
        String viewer = Accounts.operator("viewer");
        String operator = Accounts.operator("operator");
        String readKey = Accounts.key("read");
        String operateKey = Accounts.key("operate");
        String ingestKey = Accounts.key("ingest");
        String admin = Accounts.key("admin");
        String wrongSecret = admin.substring(0, admin.length() - 4) + (admin.endsWith("0000") ? "1111" : "0000");
        // one unknown name for every call: after five failures the throttle refuses it with 429 (still a refusal)
        // instead of spending a decoy bcrypt verification on each of the hundreds of calls
        String ghost = Accounts.unique("ghost");
        callers = List.of(
                new Caller("anonymous", io.restassured.RestAssured::given, -1),
                new Caller("unknown operator", () -> as(ghost, PASSWORD), -1),
                new Caller("admin key with a wrong secret", () -> withKey(wrongSecret), -1),
                new Caller("ingest key", () -> withKey(ingestKey), 0),
                new Caller("viewer", () -> as(viewer, PASSWORD), 1),
                new Caller("read key", () -> withKey(readKey), 1),
                new Caller("operator", () -> as(operator, PASSWORD), 2),
                new Caller("operate key", () -> withKey(operateKey), 2));
    }

    private static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (String plugin : Accounts.asAdmin().get("/api/v1/plugins").then().statusCode(200).extract().jsonPath()
                .<String>getList("id")) {
            JsonPath detail = Accounts.asAdmin().get("/api/v1/plugins/" + plugin).then().statusCode(200).extract()
                    .jsonPath();
            List<Map<String, Object>> declared = detail.getList("operations");
            if (declared != null) {
                declared.forEach(o -> all.add(new Operation(plugin, (String) o.get("name"), (String) o.get("role"))));
            }
        }
        return all;
    }

    @Test
    void everyOperationRefusesMissingWrongAndUnderPrivilegedCallers() {
        List<Operation> operations = operations();
        assertThat(operations).extracting(Operation::plugin)
                .as("the built-in plugins and the test plugin are installed")
                .contains("test-kit", "notify", "behaviour", "recommend", "anomaly", "cs", "marketing");
        assertThat(operations).extracting(Operation::role).containsAnyElementsOf(List.of("operator", "admin"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Operation operation : operations) {
            int needed = ROLES.indexOf(operation.role()) + 1;
            assertThat(needed).as(operation + " declares a known role").isPositive();
            for (Caller caller : callers) {
                if (caller.level() >= needed) {
                    continue;
                }
                int expected = caller.level() < 0 ? 401 : 403;
                Response response = caller.request().get().contentType(ContentType.JSON).body("{}")
                        .post("/api/v1/plugins/" + operation.plugin() + "/operations/" + operation.name());
                checked++;
                boolean locked = response.statusCode() == 429 && caller.name().equals("unknown operator");
                if (response.statusCode() != expected && !locked) {
                    wrong.add(operation + " as " + caller.name() + ": expected " + expected + ", got "
                            + response.statusCode());
                } else if (!String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(operation + " as " + caller.name() + ": not a problem document");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(operations.size() * 3);
    }

    @Test
    void aRefusedOperationIsAuditedAsDeniedWithoutRunning() throws Exception {
        String viewer = Accounts.operator("viewer");
        long before = newest("plugin:test-kit/add-note").map(record -> record.path("seq").asLong()).orElse(0L);
        as(viewer, PASSWORD).contentType(ContentType.JSON).body(Map.of("text", "not allowed", "priority", 1))
                .post("/api/v1/plugins/test-kit/operations/add-note").then().statusCode(403);
        List<JsonNode> since = new ArrayList<>();
        for (JsonNode record : page("plugin:test-kit/add-note", 50).path("items")) {
            if (record.path("seq").asLong() > before) {
                since.add(record);
            }
        }
        assertThat(since).as("one record, the refusal, and no run of the operation").hasSize(1);
        assertThat(since.get(0).path("outcome").asText()).isEqualTo("denied");
        assertThat(since.get(0).path("actorId").asText()).isEqualTo(viewer);
    }

    // Jackson, not RestAssured's JSON path: other tests of this database leave deeply nested inputs in audit
    // records (the fuzz tests), which RestAssured's recursive parser cannot read without a stack overflow.
    private static JsonNode page(String target, int limit) throws Exception {
        return JSON.readTree(Accounts.asAdmin().get("/api/v1/audit?target=" + target + "&limit=" + limit)
                .then().statusCode(200).extract().asString());
    }

    private static java.util.Optional<JsonNode> newest(String target) throws Exception {
        JsonNode items = page(target, 1).path("items");
        return items.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(items.get(0));
    }
}
