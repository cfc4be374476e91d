package dev.operon.core.security;

import static dev.operon.core.security.Accounts.PASSWORD;
import static dev.operon.core.security.Accounts.as;
import static dev.operon.core.security.Accounts.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every endpoint of the API against every kind of caller: nobody, wrong credentials (a wrong password, an unknown
 * name, a revoked key, a key with a wrong secret, a malformed token, another scheme), each operator role and each
 * key scope. The list of endpoints is checked against the OpenAPI document, so an endpoint added without a row here
 * fails this test; every refusal must be a problem document. Every plugin's operations, which share one documented
 * endpoint, are checked one by one in {@link PluginOperationAuthorizationTest}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAuthorizationTest {

    /**
     * The lowest role an endpoint needs; caller levels compare against it. INGEST_OR_OPERATOR: ingest keys and
     * operators (and above), not viewers (metric points).
     */
    enum Level { PUBLIC, VIEWER, OPERATOR, ADMIN, INGEST_OR_OPERATOR }

    record Caller(String name, Supplier<RequestSpecification> request, int level) {
    }

    /** One endpoint: how to call it once (fresh targets each time) and the status that means "allowed". */
    record Endpoint(String method, String path, Level level, int allowed, Function<RequestSpecification, Response> call) {
    }

    private List<Caller> callers;

    @jakarta.inject.Inject
    dev.operon.core.db.Jdbc jdbc;

    @jakarta.inject.Inject
    dev.operon.core.profiles.ProfileUpdater profileUpdater;

    @jakarta.inject.Inject
    dev.operon.core.profiles.ProfileReader profileReader;

    @BeforeEach
    void accounts() {
        if (callers != null) {
            return;
        }
        String viewer = Accounts.operator("viewer");
        String operator = Accounts.operator("operator");
        String admin = Accounts.operator("admin");
        String revoked = Accounts.key("admin");
        Accounts.asAdmin().delete("/api/v1/api-keys/" + revoked.split("_")[1]).then().statusCode(204);
        String real = Accounts.key("admin");
        String tampered = real.substring(0, real.length() - 4) + (real.endsWith("0000") ? "1111" : "0000");
        // an admin's name with a wrong password: five failures lock the name (429), also a refusal
        String lockable = Accounts.operator("admin");
        // likewise one unknown name: locked after five failures rather than a decoy bcrypt on every call
        String ghost = Accounts.unique("ghost");
        callers = List.of(
                new Caller("anonymous", io.restassured.RestAssured::given, -1),
                new Caller("wrong password", () -> as(lockable, "not-" + PASSWORD), -1),
                new Caller("unknown operator", () -> as(ghost, PASSWORD), -1),
                new Caller("revoked admin key", () -> withKey(revoked), -1),
                new Caller("admin key with a wrong secret", () -> withKey(tampered), -1),
                new Caller("malformed bearer token", () -> withKey("opk_not-a-key"), -1),
                new Caller("unknown credential scheme", () -> io.restassured.RestAssured.given()
                        .header("Authorization", "Digest username=\"admin\""), -1),
                new Caller("ingest key", withKeyOf("ingest"), 0),
                new Caller("viewer", () -> as(viewer, PASSWORD), 1),
                new Caller("read key", withKeyOf("read"), 1),
                new Caller("operator", () -> as(operator, PASSWORD), 2),
                new Caller("operate key", withKeyOf("operate"), 2),
                new Caller("admin", () -> as(admin, PASSWORD), 3),
                new Caller("admin key", withKeyOf("admin"), 3));
    }

    private static Supplier<RequestSpecification> withKeyOf(String scope) {
        String key = Accounts.key(scope);
        return () -> withKey(key);
    }

    private static RequestSpecification admin() {
        return Accounts.asAdmin().contentType(ContentType.JSON);
    }

    private static String newTask(String type, Map<String, Object> params) {
        return admin().body(Map.of("name", Accounts.unique("authz"), "type", type, "params", params))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("name");
    }

    private static long newRun(double seconds) {
        return admin().body(Map.of("type", "core.sleep", "params", Map.of("seconds", seconds)))
                .post("/api/v1/runs").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> taskBody() {
        return Map.of("name", Accounts.unique("authz"), "type", "core.noop", "params", Map.of());
    }

    private List<Endpoint> endpoints() {
        String task = newTask("core.noop", Map.of());
        long run = newRun(0);
        long seq = admin().get("/api/v1/audit?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("items[0].seq");
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint("GET", "/q/health", Level.PUBLIC, 200, r -> r.get("/q/health")));
        all.add(new Endpoint("GET", "/q/metrics", Level.VIEWER, 200, r -> r.get("/q/metrics")));
        all.add(new Endpoint("GET", "/api/v1/task-types", Level.VIEWER, 200, r -> r.get("/api/v1/task-types")));
        all.add(new Endpoint("GET", "/api/v1/task-types/{id}", Level.VIEWER, 200,
                r -> r.get("/api/v1/task-types/core.noop")));
        all.add(new Endpoint("GET", "/api/v1/tasks", Level.VIEWER, 200, r -> r.get("/api/v1/tasks")));
        all.add(new Endpoint("POST", "/api/v1/tasks", Level.OPERATOR, 201,
                r -> r.contentType(ContentType.JSON).body(taskBody()).post("/api/v1/tasks")));
        all.add(new Endpoint("GET", "/api/v1/tasks/{task}", Level.VIEWER, 200, r -> r.get("/api/v1/tasks/" + task)));
        all.add(new Endpoint("PUT", "/api/v1/tasks/{task}", Level.OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("name", task, "type", "core.noop"))
                        .put("/api/v1/tasks/" + task)));
        all.add(new Endpoint("DELETE", "/api/v1/tasks/{task}", Level.OPERATOR, 204,
                r -> r.delete("/api/v1/tasks/" + newTask("core.noop", Map.of()))));
        all.add(new Endpoint("POST", "/api/v1/tasks/{task}/enable", Level.OPERATOR, 200,
                r -> r.post("/api/v1/tasks/" + task + "/enable")));
        all.add(new Endpoint("POST", "/api/v1/tasks/{task}/disable", Level.OPERATOR, 200,
                r -> r.post("/api/v1/tasks/" + task + "/disable")));
        all.add(new Endpoint("POST", "/api/v1/tasks/{task}/runs", Level.OPERATOR, 201,
                r -> r.contentType(ContentType.JSON).body(Map.of()).post("/api/v1/tasks/" + task + "/runs")));
        all.add(new Endpoint("GET", "/api/v1/tasks/{task}/runs", Level.VIEWER, 200,
                r -> r.get("/api/v1/tasks/" + task + "/runs")));
        all.add(new Endpoint("POST", "/api/v1/tasks/schedule-preview", Level.VIEWER, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("kind", "interval", "everySeconds", 60))
                        .post("/api/v1/tasks/schedule-preview")));
        all.add(new Endpoint("GET", "/api/v1/runs", Level.VIEWER, 200, r -> r.get("/api/v1/runs")));
        all.add(new Endpoint("GET", "/api/v1/nodes", Level.VIEWER, 200, r -> r.get("/api/v1/nodes")));
        all.add(new Endpoint("POST", "/api/v1/runs", Level.OPERATOR, 201,
                r -> r.contentType(ContentType.JSON).body(Map.of("type", "core.noop")).post("/api/v1/runs")));
        all.add(new Endpoint("GET", "/api/v1/runs/{id}", Level.VIEWER, 200, r -> r.get("/api/v1/runs/" + run)));
        all.add(new Endpoint("GET", "/api/v1/runs/{id}/logs", Level.VIEWER, 200,
                r -> r.get("/api/v1/runs/" + run + "/logs")));
        all.add(new Endpoint("GET", "/api/v1/runs/{id}/metrics", Level.VIEWER, 200,
                r -> r.get("/api/v1/runs/" + run + "/metrics")));
        all.add(new Endpoint("POST", "/api/v1/runs/{id}/cancel", Level.OPERATOR, 200, r -> {
            long sleeping = newRun(60);
            Response response = r.post("/api/v1/runs/" + sleeping + "/cancel");
            admin().post("/api/v1/runs/" + sleeping + "/cancel");
            return response;
        }));
        String model = trainedModel();
        String versions = "/api/v1/models/" + model + "/versions/";
        all.add(new Endpoint("GET", "/api/v1/models", Level.VIEWER, 200, r -> r.get("/api/v1/models")));
        all.add(new Endpoint("GET", "/api/v1/models/{type}/versions", Level.VIEWER, 200,
                r -> r.get("/api/v1/models/" + model + "/versions")));
        all.add(new Endpoint("GET", "/api/v1/models/{type}/versions/{version}", Level.VIEWER, 200,
                r -> r.get(versions + 1)));
        all.add(new Endpoint("POST", "/api/v1/models/{type}/versions/{version}/promote", Level.ADMIN, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("reason", "authorization matrix"))
                        .post(versions + (champion(model) == 1 ? 2 : 1) + "/promote")));
        all.add(new Endpoint("POST", "/api/v1/models/{type}/rollback", Level.ADMIN, 200, r -> {
            if (champion(model) == 1) {
                admin().body(Map.of("reason", "set up a rollback")).post(versions + "2/promote").then().statusCode(200);
            }
            return r.contentType(ContentType.JSON).body(Map.of("reason", "authorization matrix", "version", 1))
                    .post("/api/v1/models/" + model + "/rollback");
        }));
        all.add(new Endpoint("POST", "/api/v1/models/{type}/predict", Level.OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("x", 1.0))
                        .post("/api/v1/models/" + model + "/predict")));
        all.add(new Endpoint("POST", "/api/v1/diagnostics/scheduler-baseline", Level.ADMIN, 200,
                r -> r.post("/api/v1/diagnostics/scheduler-baseline?jobs=2")));
        all.add(new Endpoint("POST", "/api/v1/diagnostics/engine-throughput", Level.ADMIN, 200,
                r -> r.post("/api/v1/diagnostics/engine-throughput?runs=2")));
        all.add(new Endpoint("GET", "/api/v1/audit", Level.VIEWER, 200, r -> r.get("/api/v1/audit")));
        all.add(new Endpoint("GET", "/api/v1/audit/{seq}", Level.VIEWER, 200, r -> r.get("/api/v1/audit/" + seq)));
        all.add(new Endpoint("GET", "/api/v1/audit/verify", Level.ADMIN, 200, r -> r.get("/api/v1/audit/verify")));
        all.add(new Endpoint("GET", "/api/v1/audit/export", Level.ADMIN, 200,
                r -> r.get("/api/v1/audit/export?from=" + java.time.Instant.now().minusSeconds(5))));
        String plugin = "/api/v1/plugins/test-kit";
        all.add(new Endpoint("GET", "/api/v1/plugins", Level.VIEWER, 200, r -> r.get("/api/v1/plugins")));
        all.add(new Endpoint("GET", "/api/v1/plugins/{id}", Level.VIEWER, 200, r -> r.get(plugin)));
        all.add(new Endpoint("POST", "/api/v1/plugins/{id}/enable", Level.ADMIN, 200,
                r -> r.post(plugin + "/enable")));
        all.add(new Endpoint("POST", "/api/v1/plugins/{id}/disable", Level.ADMIN, 200, r -> {
            Response response = r.post(plugin + "/disable");
            admin().post(plugin + "/enable").then().statusCode(200);
            return response;
        }));
        all.add(new Endpoint("GET", "/api/v1/plugins/{id}/config", Level.VIEWER, 200,
                r -> r.get(plugin + "/config")));
        all.add(new Endpoint("PUT", "/api/v1/plugins/{id}/config", Level.ADMIN, 200,
                r -> r.contentType(ContentType.JSON).body("{\"mode\": null}").put(plugin + "/config")));
        all.add(new Endpoint("GET", "/api/v1/plugins/{id}/panels", Level.VIEWER, 200,
                r -> r.get(plugin + "/panels")));
        all.add(new Endpoint("POST", "/api/v1/plugins/rescan", Level.ADMIN, 200,
                r -> r.post("/api/v1/plugins/rescan")));
        // one endpoint, each operation's own role: a query for viewers, an action for operators
        all.add(new Endpoint("POST", "/api/v1/plugins/{id}/operations/{operation}", Level.VIEWER, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of()).post(plugin + "/operations/count-notes")));
        all.add(new Endpoint("POST", "/api/v1/plugins/{id}/operations/{operation}", Level.OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("text", "authorization matrix", "priority", 1))
                        .post(plugin + "/operations/add-note")));
        String source = admin().body(Map.of("name", Accounts.unique("authz-src"))).post("/api/v1/sources")
                .then().statusCode(201).extract().path("name");
        all.add(new Endpoint("GET", "/api/v1/sources", Level.ADMIN, 200, r -> r.get("/api/v1/sources")));
        all.add(new Endpoint("POST", "/api/v1/sources", Level.ADMIN, 201, r -> r.contentType(ContentType.JSON)
                .body(Map.of("name", Accounts.unique("authz-src"))).post("/api/v1/sources")));
        all.add(new Endpoint("GET", "/api/v1/sources/{source}", Level.ADMIN, 200,
                r -> r.get("/api/v1/sources/" + source)));
        all.add(new Endpoint("POST", "/api/v1/sources/{source}/disable", Level.ADMIN, 200,
                r -> r.post("/api/v1/sources/" + source + "/disable")));
        all.add(new Endpoint("GET", "/api/v1/events", Level.VIEWER, 200, r -> r.get("/api/v1/events?limit=1")));
        all.add(new Endpoint("GET", "/api/v1/events/stats", Level.VIEWER, 200, r -> r.get("/api/v1/events/stats")));
        all.add(new Endpoint("POST", "/api/v1/events/import", Level.OPERATOR, 200, r -> r.contentType("text/csv")
                .body("type,event,userId\ntrack,Authz," + Accounts.unique("u") + "\n")
                .post("/api/v1/events/import")));
        String person = "authz-" + java.util.UUID.randomUUID();
        new dev.operon.core.profiles.EventRows(jdbc).identify(person, null, java.time.Instant.now(),
                "{\"plan\": \"pro\"}", null);
        profileUpdater.update(false, m -> { }, () -> false);
        long profile = profileReader.resolve(person).orElseThrow();
        String profiles = "/api/v1/profiles/" + profile;
        all.add(new Endpoint("GET", "/api/v1/profiles", Level.VIEWER, 200, r -> r.get("/api/v1/profiles")));
        all.add(new Endpoint("GET", "/api/v1/profiles/{id}", Level.VIEWER, 200, r -> r.get(profiles)));
        all.add(new Endpoint("GET", "/api/v1/profiles/{id}/events", Level.VIEWER, 200,
                r -> r.get(profiles + "/events")));
        all.add(new Endpoint("GET", "/api/v1/profiles/{id}/traits/history", Level.VIEWER, 200,
                r -> r.get(profiles + "/traits/history")));
        all.add(new Endpoint("PUT", "/api/v1/profiles/{id}/consent", Level.OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("marketing", true)).put(profiles + "/consent")));
        all.add(new Endpoint("POST", "/api/v1/profiles/update", Level.OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("profileId", profile))
                        .post("/api/v1/profiles/update")));
        all.add(new Endpoint("GET", "/api/v1/privacy/export", Level.ADMIN, 200,
                r -> r.queryParam("id", person).get("/api/v1/privacy/export")));
        all.add(new Endpoint("POST", "/api/v1/privacy/erasures", Level.ADMIN, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("id", "authz-nobody-" + java.util.UUID.randomUUID()))
                        .post("/api/v1/privacy/erasures")));
        all.add(new Endpoint("POST", "/api/v1/metrics/{name}/points", Level.INGEST_OR_OPERATOR, 200,
                r -> r.contentType(ContentType.JSON).body(Map.of("labels", Map.of("test", "authz"), "points",
                        List.of(Map.of("timestamp", java.time.Instant.now().toString(), "value", 1.0))))
                        .post("/api/v1/metrics/authz.matrix/points")));
        return all;
    }

    /** A model type of the test plugin with two trained versions (trained once, by the first call). */
    private static String trainedModel() {
        String type = "test-kit.authz";
        if (admin().get("/api/v1/models/" + type + "/versions").then().statusCode(200).extract().jsonPath()
                .getList("$").size() < 2) {
            for (int i = 0; i < 2; i++) {
                long run = admin().body(Map.of("type", "test-kit.train-line", "params", Map.of("modelType", type,
                        "epochs", 2))).post("/api/v1/runs").then().statusCode(201).extract().jsonPath().getLong("id");
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                        .until(() -> "succeeded".equals(admin().get("/api/v1/runs/" + run).then().extract()
                                .path("state")));
            }
        }
        return type;
    }

    private static int champion(String type) {
        return admin().get("/api/v1/models").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.id == '" + type + "' }.champion.version");
    }

    /**
     * Endpoints covered by their own matrix test (AuthorizationMatrixTest): operators, keys, me. Test-only endpoints
     * ({@code /api/v1/test-only/...}) exist only in the test build. The Tracking API ({@code /v1/...}) takes source
     * write keys only, never these callers' credentials: TrackingApiTest#onlyAnEnabledSourcesWriteKeyIsAccepted
     * ({@code /v1/import} too: CompressedBodiesTest).
     */
    private static final Set<String> COVERED_ELSEWHERE = Set.of("/api/v1/me", "/api/v1/operators",
            "/api/v1/operators/{username}", "/api/v1/api-keys", "/api/v1/api-keys/{keyId}", "/v1/track",
            "/v1/identify", "/v1/page", "/v1/screen", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import");

    @Test
    void everyCallerGetsWhatItsRoleAllows() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Caller caller : callers) {
                int expected = endpoint.level() == Level.PUBLIC ? endpoint.allowed()
                        : caller.level() < 0 ? 401
                        : endpoint.level() == Level.INGEST_OR_OPERATOR
                        ? (caller.level() == 0 || caller.level() >= Level.OPERATOR.ordinal() ? endpoint.allowed() : 403)
                        : caller.level() >= endpoint.level().ordinal() ? endpoint.allowed() : 403;
                Response response = endpoint.call().apply(caller.request().get());
                int actual = response.statusCode();
                boolean locked = actual == 429 && expected == 401
                        && (caller.name().equals("wrong password") || caller.name().equals("unknown operator"));
                if (actual != expected && !locked) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + caller.name() + ": expected "
                            + expected + ", got " + actual);
                } else if ((actual == 401 || actual == 403 || actual == 429)
                        && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(endpoint.method() + " " + endpoint.path() + " as " + caller.name() + ": " + actual
                            + " is not a problem document but " + response.contentType());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyEndpointOfTheOpenApiDocumentIsInTheMatrix() {
        JsonPath openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, methods) -> methods.keySet().forEach(method -> {
            if (!COVERED_ELSEWHERE.contains(path) && !path.startsWith("/api/v1/test-only/")
                    && !method.startsWith("x-") && !method.equals("parameters")) {
                documented.add(method.toUpperCase() + " " + path);
            }
        }));
        Set<String> tested = new HashSet<>();
        endpoints().forEach(e -> tested.add(e.method() + " " + e.path()));
        assertThat(tested).containsAll(documented);
    }
}
