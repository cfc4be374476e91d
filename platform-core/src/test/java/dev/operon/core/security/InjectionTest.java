package dev.operon.core.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Injection attempts (SQL, JSON path and jsonb operators, LIKE wildcards, header splitting) in every query parameter
 * of every GET endpoint of the OpenAPI document, and in every string input of every plugin query operation. For each:
 * no 5xx, a refusal is a problem document, no error text that shows SQL, no injected header, and no leaked rows:
 * an attempt returns no more rows than a value that matches nothing, unless every extra row really contains the
 * attempted text. Afterwards the tables are all there and the audit chain still verifies. ({@code *} is not among
 * the attempts: a trailing {@code *} is the audit filters' documented prefix syntax.)
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionTest {

    static final List<String> ATTEMPTS = List.of(
            "' OR '1'='1", "' OR 1=1 --", "1 OR 1=1", "\" OR \"\"=\"", "'); DROP TABLE event; --",
            "' UNION SELECT username, password_hash FROM operator --", "1; SELECT pg_sleep(3)", "'||'", "\\",
            "%", "_", "%%", "a%", "%' --", "$.**", "$[*] ? (@ == 1)", "{\"plan\": \"pro\"}",
            "plan' ?| array['a", "traits ->> 'plan'", "@>", "?", "??", "$1", ":name",
            "x\r\nX-Injected: yes", "x\nSet-Cookie: injected=1", "\u0000", "%00", "ä\u202eb");

    /** Error texts that would mean SQL or driver details reached the caller. */
    private static final Pattern SQL_LEAK = Pattern.compile(
            "(?is)psqlexception|org\\.postgresql|sqlstate|syntax error at|\\bselect\\b.{1,200}\\bfrom\\b"
                    + "|relation \"|column \"|invalid input syntax|java\\.sql|hibernate|at character \\d");

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    dev.operon.core.db.Jdbc jdbc;

    @jakarta.inject.Inject
    dev.operon.core.profiles.ProfileUpdater profileUpdater;

    @jakarta.inject.Inject
    dev.operon.core.profiles.ProfileReader profileReader;

    private Map<String, String> pathSamples;

    /** Data for the filters to find, and a real value for every path parameter of a list endpoint. */
    @BeforeEach
    void data() {
        if (pathSamples != null) {
            return;
        }
        String task = Accounts.asAdmin().contentType(ContentType.JSON)
                .body(Map.of("name", Accounts.unique("inject"), "type", "core.noop", "params", Map.of()))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("name");
        long run = Accounts.asAdmin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/tasks/" + task + "/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        String source = Accounts.asAdmin().contentType(ContentType.JSON).body(Map.of("name", Accounts.unique("inj")))
                .post("/api/v1/sources").then().statusCode(201).extract().path("writeKey");
        String person = "inject-" + UUID.randomUUID();
        for (String event : List.of("Signed Up", "Order Completed", "100% off")) {
            given().auth().preemptive().basic(source, "").contentType(ContentType.JSON)
                    .body(Map.of("userId", person, "event", event, "properties", Map.of("plan", "pro")))
                    .post("/v1/track").then().statusCode(200);
        }
        new dev.operon.core.profiles.EventRows(jdbc).identify(person, null, java.time.Instant.now(),
                "{\"plan\": \"pro\"}", null);
        profileUpdater.update(false, m -> { }, () -> false);
        long profile = profileReader.resolve(person).orElseThrow();
        pathSamples = Map.of("{task}", task, "{id}/logs", String.valueOf(run), "{id}/events", String.valueOf(profile),
                "{id}/traits", String.valueOf(profile));
    }

    record Target(String path, String concretePath, List<String> parameters) {
    }

    private List<Target> listEndpoints() {
        JsonPath openApi = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<Target> targets = new ArrayList<>();
        List<String> unsampled = new ArrayList<>();
        paths.forEach((path, methods) -> {
            Object get = methods.get("get");
            if (!(get instanceof Map<?, ?> operation) || path.startsWith("/api/v1/test-only/")) {
                return;
            }
            List<String> query = new ArrayList<>();
            Object parameters = operation.get("parameters");
            if (parameters instanceof List<?> list) {
                for (Object p : list) {
                    if (p instanceof Map<?, ?> parameter && "query".equals(parameter.get("in"))) {
                        query.add((String) parameter.get("name"));
                    }
                }
            }
            if (query.isEmpty()) {
                return;
            }
            String concrete = path;
            for (Map.Entry<String, String> sample : pathSamples.entrySet()) {
                concrete = concrete.replace(sample.getKey(), sample.getKey().startsWith("{id}")
                        ? sample.getValue() + sample.getKey().substring(4) : sample.getValue());
            }
            if (concrete.contains("{")) {
                unsampled.add(path);
            } else {
                targets.add(new Target(path, concrete, query));
            }
        });
        assertThat(unsampled).as("list endpoints with a path parameter this test has no value for").isEmpty();
        return targets;
    }

    @Test
    void noFilterParameterOfAnyListEndpointCanBeInjected() {
        List<Target> targets = listEndpoints();
        assertThat(targets).extracting(Target::path).contains("/api/v1/runs", "/api/v1/audit", "/api/v1/events",
                "/api/v1/profiles", "/api/v1/tasks");
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Target target : targets) {
            for (String parameter : target.parameters()) {
                Response reference = get(target.concretePath(), parameter, "zz-nothing-" + UUID.randomUUID());
                Integer baseline = baseline(reference,
                        get(target.concretePath(), parameter, "!nothing-" + UUID.randomUUID()));
                for (String attempt : ATTEMPTS) {
                    Response response = get(target.concretePath(), parameter, attempt);
                    requests++;
                    String failure = judge(response, attempt, baseline, reference.statusCode());
                    if (failure != null) {
                        wrong.add(target.path() + "?" + parameter + "=" + printable(attempt) + ": " + failure);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(requests).isGreaterThan(500);
        stillIntact();
    }

    @Test
    void noStringInputOfAnyPluginQueryCanBeInjected() {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (String plugin : Accounts.asAdmin().get("/api/v1/plugins").then().statusCode(200).extract().jsonPath()
                .<String>getList("id")) {
            JsonNode detail = read(Accounts.asAdmin().get("/api/v1/plugins/" + plugin).then().statusCode(200)
                    .extract().asString());
            for (JsonNode operation : detail.path("operations")) {
                if (!"query".equals(operation.path("kind").asText())) {
                    continue;
                }
                String url = "/api/v1/plugins/" + plugin + "/operations/" + operation.path("name").asText();
                JsonNode properties = operation.path("inputSchema").path("properties");
                for (var fields = properties.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    if (!field.getValue().path("type").asText().equals("string")
                            || field.getValue().has("enum") || field.getValue().has("format")) {
                        continue;
                    }
                    Response reference = call(url, field.getKey(), "zz-nothing-" + UUID.randomUUID());
                    Integer baseline = baseline(reference,
                            call(url, field.getKey(), "!nothing-" + UUID.randomUUID()));
                    for (String attempt : ATTEMPTS) {
                        Response response = call(url, field.getKey(), attempt);
                        requests++;
                        String failure = judge(response, attempt, baseline, reference.statusCode());
                        if (failure != null) {
                            wrong.add(url + " " + field.getKey() + "=" + printable(attempt) + ": " + failure);
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(requests).as("plugin queries with string inputs exist").isPositive();
        stillIntact();
    }

    @Test
    void aRequestIdCannotSplitTheResponseHeaders() {
        for (String attempt : List.of("abc\r\nX-Injected: yes", "abc%0d%0aX-Injected:%20yes", "a".repeat(500))) {
            Response response = Accounts.asAdmin().header("X-Request-Id", attempt.replace("\r\n", "%0d%0a"))
                    .get("/api/v1/runs?limit=1");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("X-Injected")).isNull();
            assertThat(response.header("X-Request-Id")).matches("[A-Za-z0-9._:-]{1,100}");
        }
    }

    private static Response get(String path, String parameter, String value) {
        return Accounts.asAdmin().urlEncodingEnabled(true).queryParam(parameter, value).get(path);
    }

    private static Response call(String url, String field, String value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, value);
        return Accounts.asAdmin().contentType(ContentType.JSON).body(body).post(url);
    }

    /**
     * How many rows a value matching nothing may give: the more of two such values, one sorting after and one before
     * every attempt. A cursor parameter ({@code after}: "ids after this one") answers every row to a value that sorts
     * first, as it should; a filter answers none to either.
     */
    private static Integer baseline(Response sortsLast, Response sortsFirst) {
        if (sortsLast.statusCode() != 200) {
            return null;
        }
        Integer last = rows(sortsLast);
        Integer first = sortsFirst.statusCode() == 200 ? rows(sortsFirst) : null;
        return last == null || first == null ? last : Integer.valueOf(Math.max(last, first));
    }

    /**
     * Null when the answer is acceptable, else what is wrong with it. A 503 is acceptable only when a value matching
     * nothing gets it too (an operation whose model is not trained yet). Error texts are searched for SQL with the
     * attempt itself taken out: quoting the caller's bad value back is fine, showing a query is not.
     */
    private static String judge(Response response, String attempt, Integer baseline, int referenceStatus) {
        int status = response.statusCode();
        String body = response.asString();
        if (status >= 500 && !(status == 503 && referenceStatus == 503)) {
            return status + " " + body;
        }
        if (response.header("X-Injected") != null || String.valueOf(response.header("Set-Cookie"))
                .contains("injected")) {
            return "the attempt set a response header";
        }
        String withoutAttempt = body.replace(attempt, "").replace(JSON.valueToTree(attempt).toString()
                .replaceAll("^\"|\"$", ""), "");
        if (status >= 400 && SQL_LEAK.matcher(withoutAttempt).find()) {
            return status + " shows SQL details: " + body.substring(0, Math.min(body.length(), 300));
        }
        if (status >= 400) {
            return String.valueOf(response.contentType()).startsWith("application/problem+json") ? null
                    : status + " is not a problem document";
        }
        Integer rows = rows(response);
        if (baseline != null && rows != null && rows > baseline && !everyRowContains(response, attempt)) {
            return rows + " rows where a value matching nothing gives " + baseline;
        }
        return null;
    }

    /** How many rows an answer holds: a JSON array, the first array member of an object, or JSON lines. */
    static Integer rows(Response response) {
        String body = response.asString();
        if (String.valueOf(response.contentType()).contains("ndjson")) {
            return (int) body.lines().filter(l -> !l.isBlank()).count();
        }
        JsonNode json = read(body);
        if (json == null) {
            return null;
        }
        if (json.isArray()) {
            return json.size();
        }
        for (JsonNode member : json) {
            if (member.isArray()) {
                return member.size();
            }
        }
        return null;
    }

    private static boolean everyRowContains(Response response, String attempt) {
        JsonNode json = read(response.asString());
        if (json == null) {
            return false;
        }
        JsonNode rows = json.isArray() ? json : null;
        for (JsonNode member : json) {
            if (rows == null && member.isArray()) {
                rows = member;
            }
        }
        if (rows == null) {
            return false;
        }
        for (JsonNode row : rows) {
            if (!row.toString().contains(attempt) && !row.toString().contains(JSON.valueToTree(attempt).toString()
                    .replaceAll("^\"|\"$", ""))) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String printable(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }

    /** The tables the attempts named still answer and the audit chain verifies. */
    private static void stillIntact() {
        Accounts.asAdmin().get("/api/v1/events?limit=1").then().statusCode(200);
        Accounts.asAdmin().get("/api/v1/operators").then().statusCode(200);
        Accounts.asAdmin().get("/api/v1/audit/verify").then().statusCode(200);
    }
}
