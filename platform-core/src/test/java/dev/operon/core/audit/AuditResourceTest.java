package dev.operon.core.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query, single-record, verify and export endpoints. Each test writes its own records under a target prefix
 * nobody else uses, so that the filters can be checked exactly on a log that other tests also write to.
 */
@QuarkusTest
@TestSecurity(user = "admin", roles = {"admin", "operator", "viewer"})
class AuditResourceTest {

    @Inject
    AuditService audit;

    @Inject
    AuditStore store;

    @Inject
    ObjectMapper mapper;

    String prefix;
    List<Long> seqs;
    Instant between;

    /** Seven records: four before {@link #between}, three after. */
    @BeforeEach
    void seed() throws InterruptedException {
        prefix = "rt-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        seqs = new ArrayList<>();
        seqs.add(audit.record(new AuditEvent(Actor.operator("alice"), "task.create", prefix + "1", "success",
                "req-a", null, Map.of("name", "nightly", "token", "t-secret"), null)));
        seqs.add(audit.record(event(Actor.operator("alice"), "task.update", prefix + "1", "success")));
        seqs.add(audit.record(event(Actor.apiKey("key-7"), "task.update", prefix + "2", "denied")));
        seqs.add(audit.record(event(Actor.SCHEDULER, "run.state", prefix + "3", "success")));
        Thread.sleep(20);
        between = Instant.now();
        Thread.sleep(20);
        seqs.add(audit.record(event(Actor.apiKey("key-7"), "run.state", prefix + "3", "failure")));
        seqs.add(audit.record(event(Actor.operator("bob"), "task_x.delete", prefix + "2", "success")));
        seqs.add(audit.record(event(Actor.operator("alice"), "task.delete", prefix + "1", "success")));
    }

    @Test
    void listsNewestFirstWithEveryField() {
        JsonPath page = list(Map.of("target", prefix + "*")).jsonPath();

        assertEquals(reversed(seqs), page.getList("items.seq", Long.class));
        assertNull(page.get("next"));
        JsonPath first = get("/api/v1/audit/" + seqs.get(0)).jsonPath();
        assertEquals("operator", first.getString("actorType"));
        assertEquals("alice", first.getString("actorId"));
        assertEquals("task.create", first.getString("action"));
        assertEquals(prefix + "1", first.getString("target"));
        assertEquals("success", first.getString("outcome"));
        assertEquals("req-a", first.getString("requestId"));
        assertEquals("nightly", first.getString("after.name"), "before/after are nested JSON in the API");
        assertEquals("***", first.getString("after.token"));
        assertTrue(first.getString("at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertEquals(64, first.getString("hash").length());
        assertEquals(64, first.getString("prevHash").length());
    }

    @Test
    void filtersByActorActionTargetOutcomeAndTime() {
        assertEquals(List.of(seqs.get(6), seqs.get(1), seqs.get(0)),
                seqsOf(Map.of("target", prefix + "*", "actorType", "operator", "actorId", "alice")));
        assertEquals(List.of(seqs.get(4), seqs.get(2)),
                seqsOf(Map.of("target", prefix + "*", "actorType", "api-key")));
        assertEquals(List.of(seqs.get(3)), seqsOf(Map.of("target", prefix + "*", "actorType", "scheduler")));
        assertEquals(List.of(seqs.get(2), seqs.get(1)),
                seqsOf(Map.of("target", prefix + "*", "action", "task.update")));
        assertEquals(List.of(seqs.get(6), seqs.get(2), seqs.get(1), seqs.get(0)),
                seqsOf(Map.of("target", prefix + "*", "action", "task.")), "prefix 'task.' must not match 'task_x.'");
        assertEquals(List.of(seqs.get(5)), seqsOf(Map.of("target", prefix + "*", "action", "task_x.*")));
        assertEquals(List.of(seqs.get(5), seqs.get(2)), seqsOf(Map.of("target", prefix + "2")));
        assertEquals(List.of(seqs.get(2)), seqsOf(Map.of("target", prefix + "*", "outcome", "denied")));
        assertEquals(List.of(seqs.get(6), seqs.get(5), seqs.get(4)),
                seqsOf(Map.of("target", prefix + "*", "from", between.toString())));
        assertEquals(List.of(seqs.get(3), seqs.get(2), seqs.get(1), seqs.get(0)),
                seqsOf(Map.of("target", prefix + "*", "to", between.toString())));
        assertEquals(List.of(), seqsOf(Map.of("target", prefix + "*", "actorId", "nobody")));
    }

    @Test
    void pagesNewestFirstWithABeforeCursor() {
        List<Long> seen = new ArrayList<>();
        Map<String, Object> query = Map.of("target", prefix + "*", "limit", 3);
        JsonPath page = list(query).jsonPath();
        int pages = 1;
        while (true) {
            seen.addAll(page.getList("items.seq", Long.class));
            Long next = page.getObject("next", Long.class);
            if (next == null) {
                break;
            }
            assertEquals(seen.get(seen.size() - 1), next);
            page = list(Map.of("target", prefix + "*", "limit", 3, "before", next)).jsonPath();
            pages++;
        }
        assertEquals(reversed(seqs), seen);
        assertEquals(3, pages);
    }

    @Test
    void pagesOldestFirstByFollowingNextUrl() {
        List<Long> seen = new ArrayList<>();
        JsonPath page = list(Map.of("target", prefix + "*", "limit", 2, "order", "asc")).jsonPath();
        while (true) {
            seen.addAll(page.getList("items.seq", Long.class));
            String nextUrl = page.getString("nextUrl");
            if (nextUrl == null) {
                break;
            }
            assertTrue(nextUrl.startsWith("/api/v1/audit?"), nextUrl);
            page = get(nextUrl).jsonPath();
        }
        assertEquals(seqs, seen);
    }

    @Test
    void cursorsBoundBothWays() {
        assertEquals(List.of(seqs.get(4), seqs.get(3), seqs.get(2)),
                seqsOf(Map.of("target", prefix + "*", "after", seqs.get(1), "before", seqs.get(5))));
    }

    @Test
    void badFilterValuesAre422ProblemsNamingTheField() {
        problem(Map.of("from", "yesterday"), "from");
        problem(Map.of("to", "2025-13-01"), "to");
        problem(Map.of("limit", 501), "limit");
        problem(Map.of("limit", 0), "limit");
        problem(Map.of("actorType", "robot"), "actorType");
        problem(Map.of("outcome", "ok"), "outcome");
        problem(Map.of("before", "abc"), "before");
        problem(Map.of("order", "sideways"), "order");
    }

    @Test
    void filterTextIsDataNotSql() {
        assertEquals(List.of(), seqsOf(Map.of("target", prefix + "' or '1'='1")));
        assertEquals(List.of(), seqsOf(Map.of("actorId", "x'); delete from audit_record; --")));
    }

    @Test
    void unknownSeqIs404() {
        given().when().get("/api/v1/audit/999999999").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void verifyReportsTheIntactChainAndItsHead() {
        given().when().get("/api/v1/audit/verify").then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("headSeq", equalTo(seqs.get(6).intValue()))
                .body("headHash", equalTo(store.find(seqs.get(6)).orElseThrow().hash()));
        given().queryParam("from", seqs.get(3)).queryParam("hash", store.find(seqs.get(3)).orElseThrow().hash())
                .when().get("/api/v1/audit/verify").then()
                .statusCode(200)
                .body("intact", equalTo(true))
                .body("recordsChecked", equalTo(4));
        given().queryParam("from", "x").when().get("/api/v1/audit/verify").then()
                .statusCode(422).body("errors.field", hasItem("from"));
    }

    @Test
    void exportStreamsJsonLinesThatReproduceTheHashes() throws Exception {
        Response response = given().queryParam("target", prefix + "*").when().get("/api/v1/audit/export");
        response.then().statusCode(200).contentType(AuditExporter.MEDIA_TYPE);

        String[] lines = response.asString().split("\n");
        assertEquals(seqs.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = mapper.readTree(lines[i]);
            assertEquals(seqs.get(i).longValue(), line.get("seq").asLong(), "oldest first");
            assertEquals(13, line.size(), "every stored field: " + lines[i]);
            String recomputed = AuditHash.of(line.get("seq").asLong(), Instant.parse(line.get("at").asText()),
                    line.get("actorType").asText(), line.get("actorId").asText(), line.get("action").asText(),
                    text(line, "target"), line.get("outcome").asText(), text(line, "requestId"),
                    text(line, "before"), text(line, "after"), text(line, "details"), line.get("prevHash").asText());
            assertEquals(line.get("hash").asText(), recomputed, "the export alone reproduces the hash");
        }

        JsonPath exportRecord = list(Map.of("action", AuditExporter.ACTION, "limit", 1)).jsonPath();
        assertEquals("admin", exportRecord.getString("items[0].actorId"));
        assertEquals(seqs.size(), exportRecord.getInt("items[0].details.records"));
        assertEquals(prefix + "*", exportRecord.getString("items[0].details.filter.target"));
    }

    @Test
    void aLargeExportIsStreamedNotBuffered() {
        for (int i = 0; i < 60; i++) {
            audit.record(new AuditEvent(Actor.SYSTEM, "system.test", prefix + "bulk", "success", null, null, null,
                    Map.of("padding", "x".repeat(500))));
        }
        Response response = given().when().get("/api/v1/audit/export");
        response.then().statusCode(200)
                .header("Transfer-Encoding", "chunked");
        assertNull(response.header("Content-Length"), "a buffered body would have a length");
        assertTrue(response.asString().length() > 60 * 500);
    }

    @Test
    void exportRejectsBadFiltersBeforeStreaming() {
        given().queryParam("from", "soon").when().get("/api/v1/audit/export").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
    }

    @Test
    @TestSecurity(user = "vera", roles = {"viewer"})
    void viewersReadButDoNotVerifyOrExport() {
        given().when().get("/api/v1/audit/" + seqs.get(0)).then().statusCode(200);
        given().when().get("/api/v1/audit/verify").then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/audit/export").then().statusCode(403);
    }

    private static AuditEvent event(Actor actor, String action, String target, String outcome) {
        return new AuditEvent(actor, action, target, outcome, null, null, null, null);
    }

    private static String text(JsonNode line, String field) {
        return line.get(field).isNull() ? null : line.get(field).asText();
    }

    private static Response list(Map<String, ?> query) {
        return given().queryParams(query).when().get("/api/v1/audit").then().statusCode(200).extract().response();
    }

    private static Response get(String path) {
        return given().urlEncodingEnabled(false).when().get(path).then().statusCode(200).extract().response();
    }

    private static List<Long> seqsOf(Map<String, ?> query) {
        return list(query).jsonPath().getList("items.seq", Long.class);
    }

    private static void problem(Map<String, ?> query, String field) {
        given().queryParams(query).when().get("/api/v1/audit").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.field", hasItem(field));
    }

    private static List<Long> reversed(List<Long> values) {
        List<Long> copy = new ArrayList<>(values);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
